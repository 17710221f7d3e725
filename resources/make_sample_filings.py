#!/usr/bin/env python3
"""Write the synthetic sample 10-K filings used by the extraction tests.

Everything in the generated files is invented for testing: the prose was
written for this project and the figures are made up (they add up within a
filing, but they are not the companies' reported results).  Only the company
names, tickers and CIKs are real.  The files imitate the *structure* of real
EDGAR documents:

* three modern inline-XBRL (iXBRL) 10-K primary documents (.htm) with hidden
  ``ix:header`` facts, a cover page, an HTML table of contents, Workiva-style
  ``<div><span>`` paragraphs, numeric and prose tables, running page
  headers/footers and page breaks;
* one 1998 full-submission SGML text file (.txt) with ``<SEC-HEADER>``,
  ``<PAGE>`` markers, a ``<TABLE>`` block and an EX-27 financial data schedule;
* a ``.json`` metadata file beside each filing.

Prose is kept as data (lists of blocks per Item per company); the layout code
at the bottom is shared.  Standard library only and fully deterministic:
running the script twice produces identical bytes.

    python resources/make_sample_filings.py
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent / "filings"


# --------------------------------------------------------------------------
# Block constructors.  An Item's content is a list of blocks: a plain string is
# a paragraph; the helpers below build the other kinds.  Inside a paragraph,
# ``[[Concept|context|shown]]`` becomes an inline-XBRL ``ix:nonFraction`` fact.
# --------------------------------------------------------------------------

def H(text):
    """A bold sub-heading inside an Item."""
    return ("h", text)


def RISK(text):
    """A risk-factor heading: one bold sentence followed by its paragraph."""
    return ("risk", text)


def UL(*items):
    """A bulleted list (each bullet is a sentence or two)."""
    return ("ul", list(items))


def TABLE(caption, columns, rows, *, col_ctx=None, note=None, first_col=""):
    """A numeric table.  ``col_ctx`` gives the XBRL context of each column."""
    return ("table", {"caption": caption, "columns": columns, "rows": rows,
                      "col_ctx": col_ctx or [None] * len(columns), "note": note,
                      "first_col": first_col})


def GRID(header, rows, caption=None):
    """A text table (exhibit index, securities list)."""
    return ("grid", {"header": header, "rows": rows, "caption": caption})


def PROSE_TABLE(header, rows):
    """A two-column table whose cells hold full sentences."""
    return ("ptable", {"header": header, "rows": rows})


def TEXTBLOCK(concept, *blocks):
    """Blocks wrapped in an ``ix:nonNumeric`` text-block fact (notes)."""
    return ("textblock", concept, list(blocks))


BREAK = ("break",)


def money(value, dollar=False, decimals=0):
    if value is None:
        return "—"
    text = f"{abs(value):,.{decimals}f}"
    if value < 0:
        text = f"({text})"
    return ("$" if dollar else "") + text


def change(new, old):
    pct = round((new - old) / abs(old) * 100)
    return f"({abs(pct)})%" if pct < 0 else f"{pct} %"


def row(label, values, concept=None, kind="", dollar=False, decimals=0):
    """A table row of numbers (None prints as an em dash)."""
    return {"label": label, "cells": [money(v, dollar, decimals) for v in values],
            "concept": concept, "kind": kind}


def cmp_row(label, new, old, concept=None, kind="", dollar=False):
    """Current year, percentage change, prior year."""
    return {"label": label, "cells": [money(new, dollar), change(new, old), money(old, dollar)],
            "concept": concept, "kind": kind}


def text_row(label, cells, kind=""):
    return {"label": label, "cells": list(cells), "concept": None, "kind": kind}


def section_row(label):
    return {"label": label, "cells": [], "concept": None, "kind": "section"}


# Short names usable in [[...]] markup and in table rows.
CONCEPTS = {
    "Revenue": "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax",
    "CostOfSales": "us-gaap:CostOfGoodsAndServicesSold",
    "GrossMargin": "us-gaap:GrossProfit",
    "RD": "us-gaap:ResearchAndDevelopmentExpense",
    "SGA": "us-gaap:SellingGeneralAndAdministrativeExpense",
    "SM": "us-gaap:SellingAndMarketingExpense",
    "GA": "us-gaap:GeneralAndAdministrativeExpense",
    "OpEx": "us-gaap:OperatingExpenses",
    "CostsAndExpenses": "us-gaap:CostsAndExpenses",
    "OperatingIncome": "us-gaap:OperatingIncomeLoss",
    "OtherIncome": "us-gaap:NonoperatingIncomeExpense",
    "PretaxIncome": "us-gaap:IncomeLossFromContinuingOperationsBeforeIncomeTaxesExtraordinaryItemsNoncontrollingInterest",
    "Tax": "us-gaap:IncomeTaxExpenseBenefit",
    "NetIncome": "us-gaap:NetIncomeLoss",
    "EPSBasic": "us-gaap:EarningsPerShareBasic",
    "EPSDiluted": "us-gaap:EarningsPerShareDiluted",
    "SharesBasic": "us-gaap:WeightedAverageNumberOfSharesOutstandingBasic",
    "SharesDiluted": "us-gaap:WeightedAverageNumberOfDilutedSharesOutstanding",
    "OCF": "us-gaap:NetCashProvidedByUsedInOperatingActivities",
    "Cash": "us-gaap:CashAndCashEquivalentsAtCarryingValue",
    "Assets": "us-gaap:Assets",
    "AssetsCurrent": "us-gaap:AssetsCurrent",
    "Liabilities": "us-gaap:Liabilities",
    "LiabilitiesCurrent": "us-gaap:LiabilitiesCurrent",
    "Equity": "us-gaap:StockholdersEquity",
    "LiabilitiesAndEquity": "us-gaap:LiabilitiesAndStockholdersEquity",
}


def concept_name(short):
    if ":" in short:
        return short
    return CONCEPTS.get(short, "us-gaap:" + short)


# Titles of the Items of a modern Form 10-K (the key "1-2" is a combined
# "Items 1 and 2" heading).
ITEM_TITLES = {
    "1": "Business",
    "1-2": "Business and Properties",
    "1A": "Risk Factors",
    "1B": "Unresolved Staff Comments",
    "1C": "Cybersecurity",
    "2": "Properties",
    "3": "Legal Proceedings",
    "4": "Mine Safety Disclosures",
    "5": "Market for Registrant's Common Equity, Related Stockholder Matters and Issuer "
         "Purchases of Equity Securities",
    "6": "[Reserved]",
    "7": "Management's Discussion and Analysis of Financial Condition and Results of Operations",
    "7A": "Quantitative and Qualitative Disclosures About Market Risk",
    "8": "Financial Statements and Supplementary Data",
    "9": "Changes in and Disagreements with Accountants on Accounting and Financial Disclosure",
    "9A": "Controls and Procedures",
    "9B": "Other Information",
    "9C": "Disclosure Regarding Foreign Jurisdictions that Prevent Inspections",
    "10": "Directors, Executive Officers and Corporate Governance",
    "11": "Executive Compensation",
    "12": "Security Ownership of Certain Beneficial Owners and Management and Related "
          "Stockholder Matters",
    "13": "Certain Relationships and Related Transactions, and Director Independence",
    "14": "Principal Accountant Fees and Services",
    "15": "Exhibit and Financial Statement Schedules",
    "16": "Form 10-K Summary",
}

# ==========================================================================
# Apple Inc. -- fiscal year ended September 28, 2024 (invented figures)
# ==========================================================================

AAPL_ITEMS = [
    ("part", "I"),
    ("item", "1", [
        H("Company Background"),
        """Apple Inc. and its wholly owned subsidiaries (collectively "Apple" or the "Company")
        build hardware, operating systems, software and online services for consumers, small
        businesses, schools, enterprises and government agencies around the world. Most of the
        Company's revenue still comes from the devices it designs, but a steadily growing share is
        earned from services that customers continue to use long after the original purchase. The
        Company reports on a fiscal calendar of 52 or 53 weeks that ends on the last Saturday of
        September. Fiscal 2024 was a 52-week year ending on September 28, 2024; fiscal 2023
        contained 53 weeks, and the extra week added roughly a week of sales to the prior-year
        comparison.""",
        H("Products"),
        """iPhone is the Company's line of smartphones, built on iOS and on processors the Company
        designs itself. The lineup was refreshed at the very end of fiscal 2024 with models that
        add a dedicated camera control, larger batteries in the Pro configurations and a neural
        engine sized to run generative models on the device. Earlier models stay on sale at lower
        price points, which lets the Company reach people who upgrade infrequently or who are
        buying a first smartphone in developing markets. iPhone remained the largest single
        source of net sales, at roughly 51% of the total.""",
        """Mac covers the Company's notebook and desktop computers: MacBook Air, MacBook Pro, iMac,
        Mac mini, Mac Studio and Mac Pro. Every model now runs on Apple silicon, which the Company
        believes gives its computers a lasting edge in battery life and in performance per watt
        over machines that rely on merchant processors. Updated MacBook Air models arrived in the
        second quarter of fiscal 2024, and notebooks built on the newest chip generation began
        shipping in the opening weeks of fiscal 2025.""",
        """iPad is the Company's family of multipurpose tablets, sold in standard, mini, Air and
        Pro versions. During fiscal 2024 the Company released a thinner iPad Pro with a tandem
        OLED display and, for the first time, offered iPad Air in two screen sizes. Tablets are
        bought heavily for schoolwork and creative projects, and demand in this category tracks
        the timing of hardware refreshes more closely than it does elsewhere in the lineup,
        which made quarterly results uneven during the year.""",
        """Wearables, Home and Accessories includes Apple Watch, AirPods, Apple TV, HomePod, Beats
        products, Apple Vision Pro and a broad assortment of first- and third-party accessories.
        Apple Vision Pro, the Company's first spatial computer, went on sale in the United States
        in February 2024 and reached several more countries by midsummer. Apple Watch and AirPods
        remain the largest contributors to the category, and the Company keeps adding health
        capabilities, such as sleep tracking and hearing tools, that it expects to deepen
        engagement over the life of the product.""",
        H("Services"),
        """Services revenue comes from advertising, AppleCare, cloud storage, digital content and
        payments. Most advertising revenue is earned under agreements in which other companies pay
        for distribution and search placement on the Company's platforms, with a smaller amount
        from ads the Company sells itself in the App Store, Apple News and Apple Sports. AppleCare
        extends hardware coverage and adds priority support for a fee. iCloud+ keeps photos,
        files and device backups in sync across a customer's devices and bundles privacy tools
        such as hidden email addresses.""",
        """Digital content spans the App Store, where customers find and buy apps and in-app
        content, and a set of subscriptions that includes Apple Arcade, Apple Fitness+, Apple
        Music, Apple News+ and Apple TV+. Payment services consist of Apple Card, a credit card
        issued in partnership with a bank, and Apple Pay, which lets customers pay without cash
        or cards in stores, inside apps and on the web. The Company added installment options
        offered through partner lenders to Apple Pay in several countries during the year.""",
        """Services made up 24% of total net sales in fiscal 2024, up from 22% a year earlier, and
        an even larger share of gross margin because service offerings generally carry higher
        margins than hardware. The installed base of active devices, which the Company estimates
        passed 2.3 billion at year end, is what this business is built on: every device sold is
        another potential subscriber, and every subscription gives the owner another reason to
        stay with the Company's products when it is time to replace the hardware.""",
        H("Markets and Distribution"),
        """Apple sells to individuals first and foremost, but schools, universities, small firms,
        large corporations and public agencies are meaningful buyers as well. Customers reach the
        Company through its own physical and online stores, through a direct sales organization
        that handles larger accounts, and through an extensive network of cellular carriers,
        wholesalers, retailers and value-added resellers. Direct channels produced 38% of net
        sales in fiscal 2024 and indirect channels the remaining 62%. At year end the Company
        operated 530 retail stores, close to half of them outside the United States, and it opened
        or relocated eleven stores during the year, including its first locations in two new
        countries.""",
        H("Competition"),
        """Every market the Company participates in is contested. Rivals release new phones,
        computers and tablets on short cycles, cut prices to win share, and imitate successful
        features quickly, while the cost of components and manufacturing leaves little room for
        error on pricing. Many competitors have broader portfolios, cheaper products and larger
        marketing budgets, and some of them are also suppliers or channel partners of the
        Company. Manufacturers that license a third-party operating system can flood the market
        with devices at every price point, and companies that sell content and services often
        bundle them with other offerings or give them away to build scale.""",
        """The Company believes it competes effectively because it controls the design of the
        hardware, the operating system, many of the key applications and the underlying silicon,
        and can therefore deliver an integrated experience that is hard to replicate with parts
        sourced from different vendors. It also draws on its brand, its retail footprint, its
        commitment to privacy and security, and the size of its developer community. Holding this
        position requires continued heavy investment in research and development and in the
        intellectual property that protects the resulting innovations.""",
        H("Supply of Components"),
        """Although most of the components the Company uses can be bought from more than one
        supplier, some currently come from a single source or a small number of sources, including
        custom parts that only one manufacturer can produce at the required volume and quality.
        The Company also depends on outsourcing partners, most of them in Asia, for final assembly
        of substantially all of its hardware and for many custom components. Over the past several
        years it has added assembly capacity in India and Vietnam, and in fiscal 2024 a larger
        share of iPhone units was assembled outside China than in any earlier year.""",
        """To secure parts, the Company signs supply agreements and sometimes makes prepayments
        that reserve capacity for critical components such as displays, memory and leading-edge
        semiconductors. These commitments protect access to parts when supply is tight, but they
        expose the Company to losses if demand for the related products falls short. Component
        prices eased somewhat during fiscal 2024, which helped products gross margin, although
        the Company expects prices for certain memory products to rise in fiscal 2025.""",
        H("Research and Development"),
        """Keeping pace in consumer technology means funding engineering work years before it
        reaches customers. Research and development expense was
        $[[RD|FY2024|31,120]] million in fiscal 2024, 5% more than in the prior year, with the
        largest increases in headcount-related costs for machine learning, silicon design and
        software engineering. The Company also buys small technology companies from time to time,
        chiefly to bring specialized engineers and intellectual property into existing programs
        rather than to enter new lines of business.""",
        H("Intellectual Property"),
        """The Company holds a broad portfolio of patents, copyrights, trademarks, trade secrets
        and other rights covering its hardware, software, industrial designs and services, and it
        files new patent applications in the United States and abroad on a continuing basis. No
        single patent or group of patents is material to the business as a whole. The Company
        also licenses technology from others, including standards-essential patents needed for
        cellular and wireless connectivity, and it may need further licenses, on terms it cannot
        predict, as it introduces new products.""",
        H("Business Seasonality and Product Introductions"),
        """Net sales and operating income have historically peaked in the first fiscal quarter,
        which contains the holiday shopping season in many of the Company's markets. The timing
        of launches matters as well: customers often hold off on purchases when they expect an
        announcement, and channel partners build inventory ahead of a new product's release.
        For these reasons, results for any one quarter are not a reliable guide to results for a
        full fiscal year.""",
        H("Human Capital"),
        """On September 28, 2024, the Company had approximately 162,000 full-time equivalent
        employees, compared with roughly 161,000 a year earlier, and about two-thirds of them work
        in the United States. Retail staff account for a substantial portion of the total, and
        voluntary turnover among them was lower than in fiscal 2023. Management reviews hiring,
        retention and pay-equity data with the Compensation Committee of the Board at least twice
        a year.""",
        """Pay at the Company combines competitive base salaries with broad-based equity: most
        employees are eligible for restricted stock units and for the employee stock purchase
        plan, which the Company regards as a way to align their interests with those of
        shareholders. Benefits include comprehensive health coverage, paid leave for family care,
        a retirement savings plan with a Company match, and tuition assistance. Internal programs
        help engineers, designers and retail team members move into new roles, and participation
        in them is tracked as a measure of career mobility.""",
        """The Company aims to run a workplace in which everyone is treated with dignity. Its
        Business Conduct Policy, anti-harassment training and confidential reporting channels are
        open to every employee, and concerns raised through them are investigated by teams that
        sit outside the business unit involved. Safety programs cover the Company's own sites and,
        through the Supplier Code of Conduct, the factories of its manufacturing partners, which
        are audited regularly against labor, health and environmental standards.""",
        H("Available Information"),
        """Annual Reports on Form 10-K, Quarterly Reports on Form 10-Q, Current Reports on Form 8-K
        and any amendments are posted free of charge on the Company's investor relations website
        shortly after they are filed with or furnished to the SEC. The Company also discloses
        material information through press releases, public conference calls and webcasts. The
        contents of its websites are not part of this report, and website addresses appear here
        only as inactive textual references.""",
    ]),
    ("item", "1A", [
        """Investing in the Company's securities involves risk. The factors below are those that
        management currently considers most significant; others that are not presently known, or
        that appear immaterial today, could also harm the Company. Any of them could reduce net
        sales, compress margins, damage the Company's reputation or lower the market price of its
        stock, and several could occur at the same time. This section should be read together
        with Part II, Item 7 and the consolidated financial statements in Part II, Item 8.""",
        H("Macroeconomic and Industry Risks"),
        RISK("Weak economic conditions in the Company's largest markets could reduce demand for its "
             "products and services."),
        """Consumers tend to postpone buying premium devices when they are worried about jobs,
        inflation or borrowing costs, and businesses and schools often push back refresh cycles
        when budgets tighten. Because so much of the Company's revenue depends on discretionary
        purchases, a downturn in the United States, Europe or China would likely reduce unit
        volumes and could force the Company into promotional pricing. Economic stress can also
        weaken channel partners, suppliers and financial counterparties, leading to inventory
        write-downs, delayed shipments or losses on receivables and investments.""",
        RISK("The Company's global operations expose it to political, trade and public health "
             "disruptions."),
        """Most of the Company's products are assembled in a handful of countries in Asia, and its
        components travel through logistics networks spanning dozens of jurisdictions. Tariffs,
        export controls, sanctions, armed conflict, natural disasters or disease outbreaks
        affecting any of these places could halt production or raise costs with little warning.
        Trade tension between the United States and China is of particular concern: new
        restrictions could limit the Company's ability to source parts, to sell in China or to move
        technology between its subsidiaries, and retaliatory measures could turn local consumers
        against American brands.""",
        RISK("Competitive pressure could erode the Company's market share and gross margins."),
        """The Company faces rivals with lower cost structures, different business models and, in
        some cases, the backing of national governments. Competitors that give software away or
        subsidize hardware with advertising can offer attractive alternatives at lower prices, and
        several of them copy new features quickly. If the Company cannot keep releasing products
        that customers see as clearly better, it may have to cut prices or spend more on
        marketing, and either response would hurt profitability. Because the Company does not
        license its operating systems to other manufacturers, it alone bears the cost of building
        a complete product line.""",
        H("Business Risks"),
        RISK("New products and technologies may not succeed or may reach the market late."),
        """The Company's future depends on introducing offerings, such as spatial computing
        devices and generative intelligence features, that customers find compelling. These
        efforts require years of investment before any revenue is earned, and there is no
        assurance that they will sell well, ship on schedule or earn acceptable margins. Early
        production of a new device typically carries higher costs, quality risks and yield
        problems, and a failed or delayed launch could also hurt existing products whose roadmaps
        rely on the same underlying technology.""",
        RISK("The Company depends on single-source suppliers and on outsourcing partners concentrated "
             "in a few regions."),
        """Certain displays, processors, camera modules and other parts are available only from
        one supplier or a small group of suppliers, and final assembly of most products is handled
        by a limited number of contract manufacturers. If one of these companies suffers a fire, a
        labor dispute, financial distress, a cyberattack or the loss of a key plant, the Company
        may be unable to obtain enough parts or finished goods to meet demand. Qualifying
        alternative sources can take many months, and the Company's bargaining power may shrink
        when capacity across the industry is scarce.""",
        RISK("Changes in relationships with developers, content owners and licensing partners could "
             "reduce Services revenue."),
        """A large part of Services revenue depends on third parties: developers who publish apps
        on the App Store, studios and labels that license content, and partners that pay the
        Company under distribution and licensing arrangements. Developers may steer users toward
        alternative payment systems where rules allow it, content owners may raise fees or
        withhold titles, and licensing partners may renegotiate or end their agreements. New rules
        on app distribution in the European Union and elsewhere have already required the Company
        to permit alternative app marketplaces in some countries, and further changes could push
        commission rates lower.""",
        RISK("A failure to protect customer data or to prevent security breaches could harm the "
             "Company's reputation."),
        """The Company stores and processes large amounts of personal information, and its brand
        places special weight on privacy. Attackers, including well-funded groups sponsored by
        governments, continually probe the Company's systems and those of its vendors, and
        software defects could let malicious actors reach devices or accounts. A significant
        incident could require expensive remediation, lead to fines and lawsuits and cause
        customers to lose confidence in the Company's products. Because many threats are new, the
        Company's defenses may not catch or stop every attack, and recovery could take a long
        time.""",
        H("Legal and Regulatory Compliance Risks"),
        RISK("Competition law and platform regulation could force changes to the Company's business "
             "model."),
        """Governments in the United States, the European Union, the United Kingdom, Japan, South
        Korea and elsewhere have adopted or proposed rules aimed at large digital platforms. These
        measures address app store commissions, default applications, browser engines,
        interoperability and the handling of user data, and some allow fines calculated as a
        percentage of worldwide revenue. Meeting divergent requirements raises engineering and
        legal costs, and certain mandated changes could make the Company's products less secure,
        less integrated or less profitable. Investigations and lawsuits brought by regulators and
        private parties under these regimes are likely to continue for years.""",
        RISK("The Company faces significant litigation, including claims that its products infringe "
             "patents held by others."),
        """The Company is regularly sued by operating companies and by entities whose only business
        is asserting patents, each alleging that some feature of its products uses their
        inventions. Because the Company's devices combine thousands of technologies, the pool of
        potential claims is large, and a single adverse verdict could bring substantial damages or
        an order barring sales of an affected product. The Company also defends consumer class
        actions, employment claims and commercial disputes. Predicting the outcome of litigation is
        inherently uncertain, and amounts eventually paid could exceed any accruals the Company has
        recorded.""",
        H("Financial Risks"),
        RISK("New tax legislation or adverse outcomes in tax examinations could raise the Company's "
             "tax expense."),
        """The Company pays income taxes in the United States and in many other countries, and its
        effective tax rate depends on where its profits are earned. Adoption of the global minimum
        tax framework, changes to how foreign earnings are taxed and revisions to transfer pricing
        rules could all push that rate higher. Tax authorities routinely examine the Company's
        returns, and an unfavorable resolution of a pending matter could require payments well
        above the amounts reserved. In fiscal 2024 the Company recorded a one-time charge after a
        long-running foreign tax dispute was resolved, which shows how a single matter can move
        annual results.""",
        RISK("Currency fluctuations affect the Company's reported results."),
        """More than half of the Company's net sales are generated outside the United States and
        are generally denominated in local currencies, while many component and manufacturing
        costs are paid in U.S. dollars. A stronger dollar therefore reduces the reported value of
        international sales and can squeeze gross margins unless local prices are raised, which
        may in turn soften demand. The Company hedges part of this exposure with forward contracts
        and options, but hedges cover limited amounts and periods and cannot remove the effect of
        a sustained move in exchange rates.""",
        RISK("The Company's investment portfolio and stock price are exposed to market volatility."),
        """The Company holds a large portfolio of marketable securities, mostly high-quality
        fixed-income instruments, whose value falls when interest rates rise or credit spreads
        widen. Separately, the price of the Company's common stock can swing sharply in response
        to quarterly results, product announcements, analyst commentary and broad market moves that
        have nothing to do with its operating performance. The capital return program relies on
        continued strong cash generation, and there is no assurance that repurchases or dividends
        will continue at current levels.""",
        H("General Risks"),
        RISK("The loss of key personnel could disrupt the Company's operations."),
        """Much of the Company's success depends on the continued service of senior executives and
        of engineers with scarce skills in fields such as chip design and machine learning.
        Competition for this talent, particularly in the regions where the Company's engineering
        teams are based, is fierce, and other technology companies actively recruit the Company's
        staff. The unexpected departure of key people, or an inability to hire replacements quickly
        enough, could slow product development and weaken execution.""",
    ]),
    ("item", "1B", ["None."]),
    ("item", "1C", [
        """The Company runs a program for identifying, evaluating and managing material risks from
        cybersecurity threats, and that program feeds into the Company's broader enterprise risk
        process. It is led by the Head of Corporate Information Security, who reports to the Chief
        Financial Officer and has spent more than twenty years running security teams at large
        technology companies. The information security organization watches the Company's networks
        and production systems around the clock, commissions regular penetration tests and
        red-team exercises, and works alongside product security engineers who review hardware and
        software designs before they ship.""",
        """Third-party providers that handle Company data or connect to its systems are assessed
        before they are engaged and periodically afterward, and their contracts require prompt
        notice of incidents. Outside assessors also review the maturity of the Company's controls
        against recognized frameworks, and their findings shape the following year's priorities.
        Incidents move through a documented escalation path that brings in legal, privacy and
        communications staff and, where warranted, senior management, so that questions of
        materiality and disclosure can be settled quickly.""",
        """The Audit and Finance Committee of the Board oversees cybersecurity risk and hears from
        the Head of Corporate Information Security at least once a quarter on the threat
        landscape, notable incidents, test results and remediation work; significant matters are
        also raised with the full Board. As of the date of this report the Company is not aware of
        any cybersecurity incident that has materially affected, or is reasonably likely to
        materially affect, its strategy, results of operations or financial condition, although
        like other large technology companies it faces constant attempts to breach its
        systems.""",
    ]),
    ("item", "2", [
        """The Company's headquarters are in Cupertino, California, where it owns its main campus
        and a number of nearby office and research buildings. Elsewhere in the United States it
        owns or leases space for engineering, data centers, customer support and administration in
        states including Texas, North Carolina, Nevada, Arizona, Oregon, Washington and
        Massachusetts. Outside the United States the Company operates offices, research centers and
        data centers in Ireland, Denmark, Germany, the United Kingdom, Israel, China, Japan, India
        and other countries, and it leases most of its retail store sites. The Company considers
        its facilities and equipment to be in good condition and adequate for its present
        needs.""",
    ]),
    ("item", "3", [
        """The Company is party to a wide range of legal proceedings and claims that arise in the
        ordinary course of business, covering intellectual property, competition, consumer
        protection, privacy, employment and commercial matters. Based on what it currently knows,
        the Company does not expect the final resolution of these matters to have a material
        adverse effect on its consolidated financial position or results of operations, although
        litigation is inherently unpredictable.""",
        """Several government authorities, among them the U.S. Department of Justice acting with a
        group of state attorneys general, and the European Commission, have brought or are
        pursuing proceedings that challenge aspects of the Company's App Store and platform
        practices. The Company believes it has substantial defenses and intends to contest these
        matters vigorously. An unfavorable result could require changes to business practices and
        could bring monetary penalties, but the Company cannot currently estimate the range of any
        possible loss.""",
    ]),
    ("item", "4", ["Not applicable."]),
    ("part", "II"),
    ("item", "5", [
        H("Market Information"),
        """The Company's common stock trades on the Nasdaq Global Select Market under the symbol
        AAPL. As of October 18, 2024, there were 23,410 shareholders of record, a figure that does
        not count the far larger number of beneficial owners whose shares are held in street name
        by brokers and other nominees.""",
        H("Purchases of Equity Securities by the Issuer and Affiliated Purchasers"),
        """During fiscal 2024 the Company bought back 463 million shares of its common stock for
        $92.4 billion under its repurchase program. In May 2024 the Board authorized an additional
        $110 billion of repurchases with no fixed expiration date, and about $84.3 billion of that
        authorization remained unused at the end of the fiscal year. Purchases may be made in the
        open market, in privately negotiated transactions or under accelerated repurchase
        arrangements, and their timing depends on market conditions and other factors. Share
        repurchase activity during the fourth quarter was as follows (in millions, except the
        number of shares, which are reflected in thousands, and per-share amounts):""",
        TABLE(None,
              ["Total Number of Shares Purchased", "Average Price Paid Per Share",
               "Total Number of Shares Purchased as Part of Publicly Announced Plans or Programs",
               "Approximate Dollar Value of Shares That May Yet Be Purchased Under the Plans or Programs"],
              [text_row("June 30, 2024 to August 3, 2024: Open market and privately negotiated purchases",
                        ["35,697", "$224.11", "35,697", ""]),
               text_row("August 4, 2024 to August 31, 2024: Open market and privately negotiated purchases",
                        ["42,910", "$221.39", "42,910", ""]),
               text_row("September 1, 2024 to September 28, 2024: Open market and privately negotiated purchases",
                        ["33,706", "$222.86", "33,706", ""]),
               text_row("Total", ["112,313", "", "", "$84,310"], kind="total")],
              first_col="Periods"),
        H("Company Stock Performance"),
        """The comparison below shows the cumulative total return of a hypothetical $100 invested
        in the Company's common stock, in the S&P 500 Index and in the Dow Jones U.S. Technology
        Supersector Index at the market close on the last trading day of fiscal 2019, with all
        dividends reinvested. The information in this section is not deemed filed with the SEC,
        and past stock price performance does not predict future performance.""",
        TABLE(None, ["September 2019", "September 2020", "September 2021", "September 2022",
                     "September 2023", "September 2024"],
              [text_row("Apple Inc.", ["$100", "$207", "$273", "$289", "$331", "$446"]),
               text_row("S&P 500 Index", ["$100", "$115", "$150", "$127", "$154", "$210"]),
               text_row("Dow Jones U.S. Technology Supersector Index",
                        ["$100", "$146", "$196", "$140", "$198", "$278"])]),
    ]),
    ("item", "6", ["[Reserved]"]),
    ("item", "7", [
        """The following discussion should be read together with the consolidated financial
        statements and accompanying notes in Part II, Item 8 of this Form 10-K. It generally
        compares fiscal 2024 with fiscal 2023; a comparison of fiscal 2023 with fiscal 2022 can be
        found in the Company's Annual Report on Form 10-K for fiscal 2023. Dollar amounts in the
        tables are in millions unless otherwise stated, and percentages may not recalculate
        exactly because of rounding.""",
        """This discussion contains forward-looking statements about matters such as product
        demand, gross margin trends, capital returns and the effects of regulation. Actual results
        may differ materially, and the factors that could cause such differences include, among
        others, those discussed in Part I, Item 1A of this Form 10-K under the heading "Risk
        Factors," which readers should consider carefully before relying on any statement below.
        The Company assumes no obligation to revise or update forward-looking statements for any
        reason, except as required by law.""",
        H("Fiscal 2024 Highlights"),
        """Total net sales rose 1% to $[[Revenue|FY2024|386,565]] million in fiscal 2024, compared
        with $[[Revenue|FY2023|382,980]] million in fiscal 2023, despite one fewer week in the
        current year. Growth in Services and Mac more than made up for lower sales of iPhone, iPad
        and Wearables, Home and Accessories. Net income was $[[NetIncome|FY2024|98,815]] million,
        essentially flat with the prior year because a higher effective tax rate absorbed most of
        the 5% increase in operating income, while diluted earnings per share rose 3% to
        $[[EPSDiluted|FY2024|6.41]] as the share count continued to fall.""",
        """Product announcements during the year included a new MacBook Air in the second quarter,
        updated iPad Air and iPad Pro models in the third quarter, and, in the fourth quarter, the
        iPhone 16 family, a new Apple Watch and refreshed AirPods. Apple Vision Pro reached
        customers in the United States in February 2024 and in several additional countries by
        July. At its developer conference in June 2024 the Company previewed a set of generative
        intelligence features for its operating systems, the first of which became available to
        customers shortly after the fiscal year ended.""",
        """The Company returned more than $107 billion to shareholders during fiscal 2024, made up
        of $[[PaymentsForRepurchaseOfCommonStock|FY2024|92,410]] million of share repurchases and
        $[[PaymentsOfDividends|FY2024|15,120]] million of dividends and dividend equivalents. In May
        2024 the Board raised the quarterly dividend by 4% to $0.25 per share.""",
        H("Macroeconomic Conditions"),
        """Inflation eased in most of the Company's major markets during fiscal 2024, but interest
        rates stayed high for much of the year and consumer spending on electronics was uneven.
        Currency movements worked against the Company: weakness in the yen, the renminbi and a
        number of emerging-market currencies cut the dollar value of international sales by about
        two percentage points compared with the prior year. How much of a currency-driven cost
        increase the Company can pass on to customers varies by market and product, and it
        generally avoids changing local prices in the middle of a product cycle.""",
        H("Segment Operating Performance"),
        """Management evaluates performance by region. There are five reportable segments, the
        Americas, Europe, Greater China, Japan and Rest of Asia Pacific; the Americas covers both
        North and South America, and Europe also includes India, the Middle East and Africa. Each
        segment sells the full range of the Company's hardware and services. Segment operating
        income reflects the segment's net sales, its cost of sales and the operating expenses
        directly attributable to it, while research and development and certain corporate costs
        are not allocated to the segments.""",
        TABLE("Net sales by reportable segment", ["2024", "Change", "2023"],
              [cmp_row("Americas", 165210, 161890, "Revenue@Americas", dollar=True),
               cmp_row("Europe", 99150, 94600, "Revenue@Europe"),
               cmp_row("Greater China", 66020, 72140, "Revenue@GreaterChina"),
               cmp_row("Japan", 25340, 24080, "Revenue@Japan"),
               cmp_row("Rest of Asia Pacific", 30845, 30270, "Revenue@RestOfAsiaPacific"),
               cmp_row("Total net sales", 386565, 382980, "Revenue", kind="total", dollar=True)],
              col_ctx=["FY2024", None, "FY2023"]),
        """Americas net sales grew 2% to $[[Revenue|FY2024_Americas|165,210]] million on higher
        Services revenue, notably advertising and cloud subscriptions, and on stronger Mac sales to
        business customers. iPhone sales in the United States were roughly flat, as longer
        replacement cycles among carrier customers offset demand for the Pro models. Operating
        income in the Americas rose 4% to $[[OperatingIncome|FY2024_Americas|67,420]] million,
        helped by a mix shift toward Services.""",
        """Net sales in Europe increased 5% to $[[Revenue|FY2024_Europe|99,150]] million. Growth was
        strongest in India and in several Middle Eastern markets, where iPhone set sales records,
        while Western Europe grew modestly. Segment operating income climbed 10%, faster than net
        sales, because of a higher Services gross margin and lower iPhone component costs.""",
        """Greater China net sales fell 8% to $[[Revenue|FY2024_GreaterChina|66,020]] million,
        mainly because of lower iPhone and iPad sales amid fierce competition from domestic
        smartphone makers; a weaker renminbi accounted for about two points of the decline.
        Promotions during local shopping festivals supported unit volumes in the second half, but
        at lower average selling prices, and segment operating income dropped 12% to
        $[[OperatingIncome|FY2024_GreaterChina|27,310]] million.""",
        """In Japan, net sales increased 5% on higher iPhone sales and growth in Services, even
        though the yen's slide against the dollar reduced reported sales by roughly six percentage
        points. Rest of Asia Pacific net sales increased 2%, as gains in Services and Mac were
        partly offset by lower sales of Wearables, Home and Accessories in Australia and South
        Korea. Operating income rose 11% in Japan and 5% in Rest of Asia Pacific.""",
        H("Products and Services Performance"),
        TABLE("Net sales by category", ["2024", "Change", "2023"],
              [cmp_row("iPhone", 198420, 201100, "Revenue@IPhone", dollar=True),
               cmp_row("Mac", 30115, 29050, "Revenue@Mac"),
               cmp_row("iPad", 27480, 28610, "Revenue@IPad"),
               cmp_row("Wearables, Home and Accessories", 36240, 39320, "Revenue@Wearables"),
               cmp_row("Services", 94310, 84900, "Revenue@Services"),
               cmp_row("Total net sales", 386565, 382980, "Revenue", kind="total", dollar=True)],
              col_ctx=["FY2024", None, "FY2023"]),
        """iPhone net sales decreased 1% to $[[Revenue|FY2024_IPhone|198,420]] million. Pro models
        made up a larger share of the mix, lifting average selling prices, but total unit volume
        was lower, especially in Greater China. The iPhone 16 lineup began shipping only in the
        last two weeks of the fiscal year, so its contribution to fiscal 2024 was small; the
        Company expects the new models to account for most iPhone sales in the first half of
        fiscal 2025.""",
        """Mac net sales increased 4% to $30,115 million, driven by the MacBook Air refresh and by
        better demand from education customers in the fourth quarter. iPad net sales declined 4% to
        $27,480 million: the new iPad Air and iPad Pro were well received, but they did not arrive
        until late in the third quarter, and demand for entry-level models cooled after strong
        sales in the prior year.""",
        """Wearables, Home and Accessories net sales fell 8% to $36,240 million. Lower sales of
        AirPods and accessories, together with a decline in Apple Watch against a strong prior-year
        comparison, more than offset the incremental sales of Apple Vision Pro. The Company still
        views the category as an important way to draw customers into its ecosystem, even in years
        when its net sales contract.""",
        """Services net sales grew 11% to a record $[[Revenue|FY2024_Services|94,310]] million.
        Every major service line grew, and the largest dollar increases came from advertising,
        cloud services and the App Store. Paid subscriptions across the Company's platforms passed
        one billion by the end of the year, and the Company introduced a higher-priced tier of
        Apple TV+ along with new installment options for Apple Pay.""",
        H("Gross Margin"),
        TABLE("Gross margin", ["2024", "2023"],
              [section_row("Gross margin:"),
               row("Products", [108945, 109630], "GrossMargin@Products", kind="indent", dollar=True),
               row("Services", [69440, 60880], "GrossMargin@Services", kind="indent"),
               row("Total gross margin", [178385, 170510], "GrossMargin", kind="total", dollar=True),
               section_row("Gross margin percentage:"),
               text_row("Products", ["37.3 %", "36.8 %"], kind="indent"),
               text_row("Services", ["73.6 %", "71.7 %"], kind="indent"),
               text_row("Total gross margin percentage", ["46.1 %", "44.5 %"], kind="total")],
              col_ctx=["FY2024", "FY2023"]),
        """Products gross margin was $108,945 million, or 37.3% of products net sales, compared
        with 36.8% a year earlier. The improvement came mainly from lower component costs and a
        richer mix of high-end iPhone models, partly offset by the weaker yen and renminbi and by
        start-up costs for Apple Vision Pro. The products gross margin percentage is usually lowest
        in the fourth quarter, when new iPhone models with higher initial production costs begin
        to ship.""",
        """Services gross margin rose 14% to $69,440 million, and the Services gross margin
        percentage reached 73.6%, compared with 71.7% in fiscal 2023. The increase reflected higher
        sales in categories with strong incremental margins, particularly advertising and cloud
        storage, partly offset by higher content costs for Apple TV+ and Apple Music and by
        continued spending on data center capacity. The total gross margin percentage was 46.1% for
        fiscal 2024, up from 44.5% the year before.""",
        H("Operating Expenses"),
        TABLE("Operating expenses", ["2024", "Change", "2023"],
              [cmp_row("Research and development", 31120, 29640, "RD", dollar=True),
               text_row("Percentage of total net sales", ["8 %", "", "8 %"], kind="indent"),
               cmp_row("Selling, general and administrative", 26050, 24980, "SGA", dollar=True),
               text_row("Percentage of total net sales", ["7 %", "", "7 %"], kind="indent"),
               cmp_row("Total operating expenses", 57170, 54620, "OpEx", kind="total", dollar=True),
               text_row("Percentage of total net sales", ["15 %", "", "14 %"], kind="indent")],
              col_ctx=["FY2024", None, "FY2023"]),
        """Research and development expense grew 5% to $31,120 million, equal to 8.1% of net sales
        compared with 7.7% in fiscal 2023. Higher headcount-related costs and the infrastructure
        needed to train and serve machine learning models accounted for most of the increase. The
        Company continues to treat research and development as central to its long-term strategy
        and expects this spending to rise again in fiscal 2025.""",
        """Selling, general and administrative expense rose 4% to $26,050 million, or 6.7% of net
        sales, driven by higher compensation, new retail stores and marketing for product launches,
        partly offset by lower professional fees. Total operating expenses increased 4.7% to
        $57,170 million, and operating income increased 5% to
        $[[OperatingIncome|FY2024|121,215]] million.""",
        H("Provision for Income Taxes"),
        """The provision for income taxes was $[[Tax|FY2024|21,990]] million, for an effective tax
        rate of 18.2% compared with 14.6% in fiscal 2023. The higher rate reflects a one-time net
        charge of about $4.1 billion recorded in the fourth quarter after a long-running dispute
        with a foreign tax authority was finally resolved, partly offset by a larger deduction for
        share-based compensation and a greater share of earnings in lower-tax jurisdictions.
        Excluding the one-time charge, the effective rate would have been roughly 14.8%.""",
        H("Liquidity and Capital Resources"),
        """The Company believes that its cash, cash equivalents and unrestricted marketable
        securities, which totaled $157.8 billion on September 28, 2024, together with cash from
        operations and access to the debt markets, will cover its cash needs and its capital return
        program for the next twelve months and beyond. Cash generated by operating activities was
        $[[OCF|FY2024|116,930]] million, 6% more than in the prior year, as working capital
        movements, chiefly higher accounts payable from the timing of component purchases, more
        than offset a larger tax payment.""",
        """Commercial paper outstanding was $9.95 billion at the end of fiscal 2024, up from $5.98
        billion a year earlier; the Company uses the program mainly to smooth the timing of
        repurchases and tax payments. Term debt totaled $96.6 billion, with maturities running to
        2062. The Company repaid $9.8 billion of notes as they matured during the year and did not
        issue new term debt, and $10.9 billion of principal falls due within the next twelve
        months.""",
        """The Company's material cash requirements include unconditional purchase obligations,
        mostly commitments for components, licensed content, cloud services and capital equipment,
        which totaled $54.7 billion at year end, of which $41.2 billion is payable within twelve
        months. Lease obligations amount to $15.1 billion, with $2.0 billion due within twelve
        months, and the remaining deemed repatriation tax payable of $7.6 billion will be paid in
        fiscal 2025 and fiscal 2026.""",
        H("Critical Accounting Estimates"),
        """Preparing financial statements under U.S. generally accepted accounting principles
        requires management to make estimates and judgments that affect reported assets,
        liabilities, net sales and expenses. The Company considers an estimate critical when it
        involves significant uncertainty and a different but reasonable assumption would have had a
        material effect on the financial statements. Management has reviewed the development and
        selection of these estimates with the Audit and Finance Committee.""",
        """For uncertain tax positions, the Company records a benefit only when it is more likely
        than not that the position will be upheld on examination, and it measures that benefit as
        the largest amount with a greater than 50% likelihood of being realized at settlement.
        Applying complex tax rules across many jurisdictions takes considerable judgment, and the
        amounts eventually paid may differ significantly from these estimates. Gross unrecognized
        tax benefits were $22.7 billion at the end of fiscal 2024, of which $10.9 billion would
        lower the effective tax rate if recognized.""",
        """Legal and other contingencies call for similar judgment. The Company accrues a loss when
        it concludes that a loss is probable and the amount can be reasonably estimated, and it
        discloses matters for which a loss is reasonably possible. These conclusions rest on
        forecasts about proceedings that are often at an early stage, and they are revisited every
        quarter as the facts develop, so a change in the assessment of one significant matter could
        materially affect the results of the period in which it occurs.""",
    ]),
    ("item", "7A", [
        H("Interest Rate Risk"),
        """The Company's exposure to interest rate changes comes mainly from its investment
        portfolio and its outstanding debt. The portfolio is invested largely in U.S. Treasury and
        agency securities, high-quality corporate bonds and foreign government securities, and it
        is managed to preserve principal while earning a return consistent with market conditions.
        The Company may enter into interest rate swaps to convert fixed-rate debt to floating rates,
        or the reverse, to manage the overall sensitivity of its position.""",
        """Under a hypothetical scenario in which market interest rates rose by 100 basis points
        across all maturities at the end of fiscal 2024, the fair value of the investment portfolio
        would have fallen by about $2.6 billion, compared with about $3.1 billion under the same
        scenario a year earlier; the smaller figure reflects a modest shortening of portfolio
        duration. The same parallel 100-basis-point increase would have added roughly $190 million
        to annual interest expense on floating-rate and swapped debt and commercial paper, compared
        with $160 million in the prior year. These estimates ignore any actions management might
        take in response to rate movements.""",
        H("Foreign Exchange Rate Risk"),
        """Foreign currency risk arises from international sales in local currencies, from
        component and manufacturing costs in currencies other than the U.S. dollar, and from
        monetary assets and liabilities that subsidiaries hold in non-functional currencies. The
        Company hedges portions of forecasted revenue and inventory purchases denominated in
        foreign currencies, generally for up to twelve months, and it also hedges term debt and
        marketable securities denominated in other currencies.""",
        """To gauge potential losses on its foreign currency instruments, the Company uses a
        value-at-risk model built on historical volatilities and correlations, computed at a 95%
        confidence level over a one-day horizon. On September 28, 2024, the estimated maximum
        one-day loss was $540 million, compared with $660 million at the end of fiscal 2023.
        Because the hedged exposures are left out of the model, a loss on the instruments would
        generally be offset by a gain on the underlying items, and the result should not be read
        as a forecast of actual losses.""",
    ]),
    ("item", "8", [
        BREAK,
        TABLE("CONSOLIDATED STATEMENTS OF OPERATIONS", ["2024", "2023", "2022"],
              [section_row("Net sales:"),
               row("Products", [292255, 298080, 301200], "Revenue@Products", kind="indent", dollar=True),
               row("Services", [94310, 84900, 76340], "Revenue@Services", kind="indent"),
               row("Total net sales", [386565, 382980, 377540], "Revenue", kind="total"),
               section_row("Cost of sales:"),
               row("Products", [183310, 188450, 190800], "CostOfSales@Products", kind="indent"),
               row("Services", [24870, 24020, 22110], "CostOfSales@Services", kind="indent"),
               row("Total cost of sales", [208180, 212470, 212910], "CostOfSales", kind="total"),
               row("Gross margin", [178385, 170510, 164630], "GrossMargin", kind="total"),
               section_row("Operating expenses:"),
               row("Research and development", [31120, 29640, 26400], "RD", kind="indent"),
               row("Selling, general and administrative", [26050, 24980, 25010], "SGA", kind="indent"),
               row("Total operating expenses", [57170, 54620, 51410], "OpEx", kind="total"),
               row("Operating income", [121215, 115890, 113220], "OperatingIncome"),
               row("Other income/(expense), net", [-410, -520, 330], "OtherIncome"),
               row("Income before provision for income taxes", [120805, 115370, 113550], "PretaxIncome"),
               row("Provision for income taxes", [21990, 16880, 18250], "Tax"),
               row("Net income", [98815, 98490, 95300], "NetIncome", kind="grand", dollar=True),
               section_row("Earnings per share:"),
               row("Basic", [6.43, 6.26, 5.88], "EPSBasic", kind="indent", dollar=True, decimals=2),
               row("Diluted", [6.41, 6.23, 5.85], "EPSDiluted", kind="indent", dollar=True, decimals=2),
               section_row("Shares used in computing earnings per share:"),
               row("Basic", [15360, 15740, 16210], "SharesBasic", kind="indent"),
               row("Diluted", [15420, 15810, 16290], "SharesDiluted", kind="indent")],
              col_ctx=["FY2024", "FY2023", "FY2022"],
              note="(In millions, except number of shares, which are reflected in millions, and per-share amounts)",
              first_col="Years ended"),
        """See accompanying Notes to Consolidated Financial Statements.""",
        BREAK,
        TABLE("CONSOLIDATED BALANCE SHEETS", ["September 28, 2024", "September 30, 2023"],
              [section_row("ASSETS:"),
               section_row("Current assets:"),
               row("Cash and cash equivalents", [31200, 29480], "Cash", kind="indent", dollar=True),
               row("Marketable securities", [34110, 31920], "MarketableSecuritiesCurrent", kind="indent"),
               row("Accounts receivable, net", [32870, 29310], "AccountsReceivableNetCurrent", kind="indent"),
               row("Vendor non-trade receivables", [31640, 31020], "NontradeReceivablesCurrent", kind="indent"),
               row("Inventories", [7210, 6380], "InventoryNet", kind="indent"),
               row("Other current assets", [14320, 14700], "OtherAssetsCurrent", kind="indent"),
               row("Total current assets", [151350, 142810], "AssetsCurrent", kind="total"),
               section_row("Non-current assets:"),
               row("Marketable securities", [92480, 100120], "MarketableSecuritiesNoncurrent", kind="indent"),
               row("Property, plant and equipment, net", [45930, 43610], "PropertyPlantAndEquipmentNet", kind="indent"),
               row("Other non-current assets", [74310, 64870], "OtherAssetsNoncurrent", kind="indent"),
               row("Total non-current assets", [212720, 208600], "AssetsNoncurrent", kind="total"),
               row("Total assets", [364070, 351410], "Assets", kind="grand", dollar=True),
               section_row("LIABILITIES AND SHAREHOLDERS' EQUITY:"),
               section_row("Current liabilities:"),
               row("Accounts payable", [68420, 62390], "AccountsPayableCurrent", kind="indent", dollar=True),
               row("Other current liabilities", [78110, 58960], "OtherLiabilitiesCurrent", kind="indent"),
               row("Deferred revenue", [8320, 8110], "ContractWithCustomerLiabilityCurrent", kind="indent"),
               row("Commercial paper", [9950, 5980], "CommercialPaper", kind="indent"),
               row("Term debt", [10860, 9820], "LongTermDebtCurrent", kind="indent"),
               row("Total current liabilities", [175660, 145260], "LiabilitiesCurrent", kind="total"),
               section_row("Non-current liabilities:"),
               row("Term debt", [85700, 95410], "LongTermDebtNoncurrent", kind="indent"),
               row("Other non-current liabilities", [45670, 49980], "OtherLiabilitiesNoncurrent", kind="indent"),
               row("Total non-current liabilities", [131370, 145390], "LiabilitiesNoncurrent", kind="total"),
               row("Total liabilities", [307030, 290650], "Liabilities", kind="total"),
               text_row("Commitments and contingencies", ["", ""]),
               section_row("Shareholders' equity:"),
               row("Common stock and additional paid-in capital", [83410, 73720],
                   "CommonStocksIncludingAdditionalPaidInCapital", kind="indent"),
               row("Accumulated deficit", [-19050, -3110], "RetainedEarningsAccumulatedDeficit", kind="indent"),
               row("Accumulated other comprehensive loss", [-7320, -9850],
                   "AccumulatedOtherComprehensiveIncomeLossNetOfTax", kind="indent"),
               row("Total shareholders' equity", [57040, 60760], "Equity", kind="total"),
               row("Total liabilities and shareholders' equity", [364070, 351410], "LiabilitiesAndEquity",
                   kind="grand", dollar=True)],
              col_ctx=["I2024", "I2023"], note="(In millions)"),
        BREAK,
        TABLE("CONSOLIDATED STATEMENTS OF CASH FLOWS", ["2024", "2023", "2022"],
              [text_row("Cash, cash equivalents and restricted cash, beginning balances",
                        ["$30,740", "$30,460", "$31,930"]),
               section_row("Operating activities:"),
               row("Net income", [98815, 98490, 95300], "NetIncome", kind="indent"),
               section_row("Adjustments to reconcile net income to cash generated by operating activities:"),
               row("Depreciation and amortization", [11450, 11520, 11100],
                   "DepreciationDepletionAndAmortization", kind="indent"),
               row("Share-based compensation expense", [11690, 10830, 9040], "ShareBasedCompensation", kind="indent"),
               row("Other", [-2280, -2120, 1010], "OtherNoncashIncomeExpense", kind="indent"),
               row("Changes in operating assets and liabilities, net", [-2745, -8410, 5630],
                   "IncreaseDecreaseInOperatingCapital", kind="indent"),
               row("Cash generated by operating activities", [116930, 110310, 122080], "OCF", kind="total"),
               section_row("Investing activities:"),
               row("Purchases of marketable securities", [-48710, -29510, -76920],
                   "PaymentsToAcquireAvailableForSaleSecuritiesDebt", kind="indent"),
               row("Proceeds from maturities and sales of marketable securities", [63460, 45310, 67360],
                   "ProceedsFromSaleMaturityAndCollectionsOfInvestments", kind="indent"),
               row("Payments for acquisition of property, plant and equipment", [-9460, -10960, -10710],
                   "PaymentsToAcquirePropertyPlantAndEquipment", kind="indent"),
               row("Other", [-1310, -1340, -2090], "PaymentsForProceedsFromOtherInvestingActivities", kind="indent"),
               row("Cash generated by/(used in) investing activities", [3980, 3500, -22360],
                   "NetCashProvidedByUsedInInvestingActivities", kind="total"),
               section_row("Financing activities:"),
               row("Payments for taxes related to net share settlement of equity awards", [-5440, -5430, -6220],
                   "PaymentsRelatedToTaxWithholdingForShareBasedCompensation", kind="indent"),
               row("Payments for dividends and dividend equivalents", [-15120, -14840, -14840],
                   "PaymentsOfDividends", kind="indent"),
               row("Repurchases of common stock", [-92410, -77550, -89400],
                   "PaymentsForRepurchaseOfCommonStock", kind="indent"),
               row("Proceeds from/(repayments of) term debt, net", [-9820, -11150, 5470],
                   "ProceedsFromRepaymentsOfLongTermDebt", kind="indent"),
               row("Proceeds from/(repayments of) commercial paper, net", [3970, -3980, 3960],
                   "ProceedsFromRepaymentsOfCommercialPaper", kind="indent"),
               row("Other", [-370, -580, -160], "ProceedsFromPaymentsForOtherFinancingActivities", kind="indent"),
               row("Cash used in financing activities", [-119190, -113530, -101190],
                   "NetCashProvidedByUsedInFinancingActivities", kind="total"),
               row("Increase/(decrease) in cash, cash equivalents and restricted cash", [1720, 280, -1470],
                   "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalentsPeriodIncreaseDecreaseIncludingExchangeRateEffect"),
               text_row("Cash, cash equivalents and restricted cash, ending balances",
                        ["$32,460", "$30,740", "$30,460"], kind="grand")],
              col_ctx=["FY2024", "FY2023", "FY2022"], note="(In millions)", first_col="Years ended"),
        TEXTBLOCK("us-gaap:SignificantAccountingPoliciesTextBlock",
            H("Note 1 – Summary of Significant Accounting Policies"),
            """Basis of Presentation and Preparation. The consolidated financial statements include
            the accounts of Apple Inc. and its wholly owned subsidiaries, and intercompany accounts
            and transactions have been eliminated. Certain prior-period amounts have been
            reclassified to match the current presentation, including a change in how amounts owed
            to vendors are grouped on the balance sheet, which had no effect on total
            liabilities.""",
            """Revenue Recognition. Net sales consist of revenue from hardware, software, digital
            content and services. Revenue is recognized when control of the promised goods or
            services passes to the customer, in the amount of consideration the Company expects to
            be entitled to. When an arrangement contains several performance obligations, such as a
            device sold together with the right to future software updates and services, the
            transaction price is allocated on the basis of relative standalone selling prices, with
            management's best estimate used where no observable price exists.""",
            """Earnings Per Share. Basic earnings per share divides net income by the weighted-average
            number of shares outstanding for the period. Diluted earnings per share adds the effect of
            potentially dilutive securities, chiefly restricted stock units and rights under the
            employee stock purchase plan, computed with the treasury stock method.""",
        ),
    ]),
    ("item", "9", ["None."]),
    ("item", "9A", [
        H("Evaluation of Disclosure Controls and Procedures"),
        """The Company's Chief Executive Officer and Chief Financial Officer, working with other
        members of management, evaluated the design and operation of the Company's disclosure
        controls and procedures, as that term is defined in Exchange Act Rules 13a-15(e) and
        15d-15(e), as of the end of the period covered by this report. They concluded that these
        controls and procedures were effective at a reasonable assurance level, meaning that
        information the Company must disclose in its periodic reports is captured, processed and
        reported on time and reaches senior management early enough for disclosure decisions to be
        made promptly.""",
        H("Management's Annual Report on Internal Control over Financial Reporting"),
        """Management is responsible for establishing and maintaining adequate internal control
        over financial reporting. Applying the criteria in Internal Control – Integrated Framework
        (2013) published by the Committee of Sponsoring Organizations of the Treadway Commission,
        management assessed the Company's internal control over financial reporting as of
        September 28, 2024 and found it to be effective. The Company's independent registered
        public accounting firm has issued an attestation report on internal control over financial
        reporting, which appears in Part II, Item 8 of this Form 10-K.""",
        """No system of internal control can prevent or detect every misstatement. However well it
        is designed, a control system offers only reasonable assurance that its objectives will be
        met, and any conclusion about its effectiveness carries the risk that controls may become
        inadequate in future periods as conditions change or as compliance with policies slips.""",
        H("Changes in the Company's Internal Control over Financial Reporting"),
        """There were no changes in the Company's internal control over financial reporting during
        the fourth quarter of fiscal 2024 that materially affected, or are reasonably likely to
        materially affect, that internal control.""",
    ]),
    ("item", "9B", [
        H("Insider Trading Arrangements"),
        """During the three months ended September 28, 2024, two of the Company's executive
        officers adopted trading arrangements intended to satisfy the affirmative defense of Rule
        10b5-1(c) under the Exchange Act. One plan, adopted on August 14, 2024, provides for the
        sale of up to 180,000 shares of common stock through June 2025; the other, adopted on
        August 29, 2024, provides for the sale of up to 42,000 shares through May 2025, in each case
        subject to price conditions. No director or officer terminated a trading arrangement during
        the quarter.""",
    ]),
    ("item", "9C", ["Not applicable."]),
    ("part", "III"),
    ("item", "10", [
        """The information called for by this Item will be included in the Company's definitive
        Proxy Statement for its 2025 annual meeting of shareholders (the "2025 Proxy Statement"),
        which will be filed with the SEC within 120 days after September 28, 2024, and it is
        incorporated herein by reference.""",
    ]),
    ("item", "11", [
        """Information about executive compensation will appear under the headings "Executive
        Compensation" and "Director Compensation" in the 2025 Proxy Statement and is incorporated
        into this Item by reference.""",
    ]),
    ("item", "12", [
        """Under the heading "Security Ownership of Certain Beneficial Owners and Management," the
        2025 Proxy Statement will set out the stock ownership and equity compensation plan
        information this Item requires, and that material is incorporated herein by
        reference.""",
    ]),
    ("item", "13", [
        """Details of related-person transactions and of the independence of the Company's
        directors will be given in the 2025 Proxy Statement; they are incorporated by reference in
        response to this Item.""",
    ]),
    ("item", "14", [
        """Fees billed by the Company's independent registered public accounting firm, together
        with the pre-approval policies of the Audit and Finance Committee, will be described in the
        2025 Proxy Statement under the heading "Fees Paid to Auditors," and that description is
        incorporated herein by reference.""",
    ]),
    ("part", "IV"),
    ("item", "15", [
        """(a) Documents filed as part of this report: (1) all financial statements, as listed in
        the index in Part II, Item 8; (2) no financial statement schedules, because they are either
        not required or the information appears in the consolidated financial statements or notes;
        and (3) the exhibits required by Item 601 of Regulation S-K, which are listed below.""",
        GRID(["Exhibit Number", "Exhibit Description", "Form", "Exhibit", "Filing Date/ Period End Date"],
             [["3.1", "Restated Articles of Incorporation of the Registrant effective August 3, 2020.", "8-K", "3.1", "8/7/20"],
              ["3.2", "Amended and Restated Bylaws of the Registrant effective August 20, 2024.", "8-K", "3.2", "8/23/24"],
              ["4.1**", "Description of Securities of the Registrant.", "", "", ""],
              ["4.2", "Indenture, dated as of April 29, 2013, between the Registrant and The Bank of New York Mellon Trust Company, N.A., as Trustee.", "S-3", "4.1", "4/29/13"],
              ["10.1*", "Employee Stock Purchase Plan, as amended and restated effective March 10, 2015.", "8-K", "10.1", "3/13/15"],
              ["10.2*", "Form of Indemnification Agreement between the Registrant and each director and executive officer of the Registrant.", "10-Q", "10.2", "6/27/09"],
              ["10.3*", "2022 Employee Stock Plan.", "8-K", "10.1", "3/4/22"],
              ["10.4*", "Form of Restricted Stock Unit Award Agreement under 2022 Employee Stock Plan effective as of September 30, 2024.", "", "", ""],
              ["19.1**", "Insider Trading Policy.", "", "", ""],
              ["21.1**", "Subsidiaries of the Registrant.", "", "", ""],
              ["23.1**", "Consent of Independent Registered Public Accounting Firm.", "", "", ""],
              ["24.1**", "Power of Attorney (included on the Signatures page of this Annual Report on Form 10-K).", "", "", ""],
              ["31.1**", "Rule 13a-14(a) / 15d-14(a) Certification of Chief Executive Officer.", "", "", ""],
              ["31.2**", "Rule 13a-14(a) / 15d-14(a) Certification of Chief Financial Officer.", "", "", ""],
              ["32.1***", "Section 1350 Certifications of Chief Executive Officer and Chief Financial Officer.", "", "", ""],
              ["97.1*, **", "Rule 10D-1 Recovery Policy.", "", "", ""],
              ["101**", "Inline XBRL Document Set for the consolidated financial statements and accompanying notes in Part II, Item 8 of this Annual Report on Form 10-K.", "", "", ""],
              ["104**", "Inline XBRL for the cover page of this Annual Report on Form 10-K, included in the Exhibit 101 Inline XBRL Document Set.", "", "", ""]]),
        """* Indicates a management contract or compensatory plan or arrangement. ** Filed
        herewith. *** Furnished herewith.""",
    ]),
    ("item", "16", ["None."]),
]

