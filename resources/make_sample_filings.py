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


def OFFICERS(rows):
    """Executive officers: name, age, and a position cell holding the title and a biography."""
    return ("officers", rows)


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
        """Apple Inc. (together with its wholly owned subsidiaries, "Apple" or the "Company")
        builds hardware, operating systems, software and online services for consumers, small
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
        H("Information About the Executive Officers of the Company"),
        "The Company's executive officers and their ages as of October 25, 2024 are as follows:",
        OFFICERS([
            ("Maria Chen", "58", "Chief Executive Officer",
             """Ms. Chen has served as Chief Executive Officer since 2019. She joined the Company in
             2004 to run its notebook engineering group and later led worldwide operations, where
             she built the supplier programs that the Company still relies on. She serves on the
             board of a public health foundation."""),
            ("David Osei", "52", "Senior Vice President, Chief Financial Officer",
             """Mr. Osei has served as Chief Financial Officer since 2021. Before that he was the
             Company's Vice President of Financial Planning and Analysis, and earlier he spent
             twelve years in corporate finance roles at a global semiconductor maker. He is a
             certified public accountant."""),
            ("Laura Jensen", "61", "Senior Vice President, General Counsel and Secretary",
             """Ms. Jensen has served as General Counsel since 2017 and oversees legal, privacy and
             regulatory matters worldwide. She was previously a partner at a law firm, where she
             advised technology companies on competition and intellectual property disputes for
             more than twenty years."""),
        ]),
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
        "Risks that could cause actual results to differ from the Company's expectations include:",
        UL("weaker consumer and business spending in the Company's largest markets, including the "
           "United States, Europe and Greater China;",
           "disruption at the outsourcing partners and single-source suppliers that build and supply "
           "most of the Company's hardware;",
           "new competition, antitrust and digital platform rules that change how the App Store and "
           "other services may operate;",
           "security breaches, data losses or service outages that erode the trust customers place "
           "in the Company's products; and",
           "movements in foreign exchange rates, interest rates and tax law that reduce reported "
           "results."),
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

# ==========================================================================
# Microsoft Corporation -- fiscal year ended June 30, 2024 (invented figures)
# Microsoft's tables put the current year first and the change last.
# ==========================================================================

def pc_row(label, new, old, concept=None, kind="", dollar=False, decimals=0):
    """Current year, prior year, percentage change."""
    return {"label": label,
            "cells": [money(new, dollar, decimals), money(old, dollar, decimals), change(new, old)],
            "concept": concept, "kind": kind}


MSFT_ITEMS = [
    ("part", "I"),
    ("item", "1-2", [
        H("GENERAL"),
        """Microsoft builds the software, cloud services and devices that individuals and
        organizations use to communicate, create, analyze information and run their operations. We
        develop and license software, sell cloud-based solutions, design hardware, and provide
        consulting, support and training, and we increasingly deliver these offerings as
        subscriptions that customers consume through our global cloud infrastructure. Our fiscal
        year ends on June 30. In fiscal year 2024 our revenue passed $242 billion for the first
        time, and more than half of it came from what we call the Microsoft Cloud.""",
        """We believe the next decade of computing will be shaped by artificial intelligence that is
        woven into every layer of the technology stack, from the data center to the applications
        people open each morning. Over the past year we introduced AI assistants across our
        productivity, developer, security and business applications, widened the range of models
        available to developers on our cloud platform, and invested heavily in data center
        capacity, custom silicon and networking so that these models can be trained and served at
        scale. Our partnership with OpenAI remains an important part of this strategy, alongside
        models we build ourselves and models from other providers that we host.""",
        H("OPERATING SEGMENTS"),
        """We report our financial performance in three segments, each grouping products and
        services that share customers, technology or a go-to-market approach. Additional detail on
        segment revenue and operating income is provided in Part II, Item 8, Note 19 of this Form
        10-K.""",
        H("Productivity and Business Processes"),
        """This segment contains Microsoft 365 commercial and consumer subscriptions, LinkedIn and
        the Dynamics business applications. Microsoft 365 combines the Office applications, Teams,
        Exchange, SharePoint, Windows enterprise licensing and security and management tools in
        bundles priced per user, and most commercial plans can now add our AI assistant for an
        additional monthly fee. LinkedIn connects professionals with jobs, learning and one
        another, and earns revenue from talent, marketing, premium subscription and sales
        solutions. Dynamics offers cloud applications for finance, supply chain, customer service,
        sales and field operations, plus a low-code platform on which customers build their own
        applications.""",
        """Growth here depends on adding paid seats, moving customers to richer plans and
        increasing what we earn from each user. In fiscal year 2024, Microsoft 365 commercial seats
        grew 7%, led by small and medium businesses and frontline workers, while average revenue
        per user rose as more customers adopted premium security and compliance features. Consumer
        subscribers to Microsoft 365 reached 82 million. LinkedIn passed one billion members,
        although hiring across the technology sector stayed subdued.""",
        H("Intelligent Cloud"),
        """Intelligent Cloud is made up of our public, private and hybrid server products and cloud
        services, including Azure, SQL Server, Windows Server, Visual Studio, GitHub, Nuance, and
        Enterprise and partner services. Azure rents computing, storage, networking, database,
        analytics and AI capacity to customers on a consumption or reserved basis, and its AI
        platform now offers developers a growing catalog of frontier and open models. Server
        products are licensed for customers' own data centers or through hybrid benefits that let
        them apply existing licenses in Azure, which we believe makes migrating to the cloud
        easier.""",
        """Enterprise and partner services consist of Enterprise Support Services, Industry
        Solutions, Nuance professional services and the Microsoft Partner Network. These teams help
        large customers design, deploy and operate our technology, and the relationships they build
        often lead to wider adoption of our cloud products. We expect revenue from traditional
        on-premises support contracts to shrink over time as workloads move to Azure.""",
        H("More Personal Computing"),
        """More Personal Computing covers the products people use directly on their PCs, consoles
        and browsers. Its main components are Windows, including licenses sold to device makers
        and commercial Windows products; Devices, which includes Surface and PC accessories;
        Gaming, comprising Xbox hardware, Xbox content and services and, since October 2023,
        Activision Blizzard; and Search and news advertising, which includes Bing, Microsoft News,
        Microsoft Edge and third-party affiliates.""",
        """Completing the acquisition of Activision Blizzard on October 13, 2023 greatly enlarged
        our gaming business, adding franchises played on consoles, PCs and phones. After closing
        we began bringing selected titles to Xbox Game Pass and started combining Activision's
        publishing, live operations and mobile teams with our own. The acquired business added 44
        percentage points of net growth to Xbox content and services revenue in fiscal year
        2024.""",
        H("COMPETITION"),
        """Competition in our industry is intense, and the boundaries between markets move all the
        time. In cloud infrastructure and platform services we compete with large, well-funded
        providers that also design their own chips and run global networks, and with a long list of
        specialized vendors. Our productivity offerings face established and new rivals in
        collaboration, communications and document services, some of which charge nothing. In
        gaming we compete with other console makers, with PC storefronts and with mobile platforms
        that capture a growing share of players' time, and search advertising remains dominated by
        a single competitor.""",
        """We believe our advantages include the breadth of our platforms, the trust organizations
        place in our security and compliance commitments, our ability to integrate products across
        segments, and a community of partners and developers that extends our reach. Even so, the
        speed at which AI is evolving could change the basis of competition in ways that are hard
        to foresee, and newcomers with better models or lower costs could win share quickly.""",
        H("RESEARCH AND DEVELOPMENT"),
        """Our research organization runs labs in North America, Europe and Asia and pursues basic
        and applied work in AI, quantum computing, systems, security and human-computer interaction.
        Product groups within each segment carry out most development, and we also obtain
        technology through licensing, partnerships and acquisitions. Research and development
        expense was $[[RD|FY2024|29,640]] million in fiscal year 2024, or 12% of revenue.""",
        H("DISTRIBUTION, SALES, AND MARKETING"),
        """We reach customers through device manufacturers, distributors and resellers, online
        marketplaces, our own stores and websites, and a large direct sales force serving
        enterprise and public sector accounts. Enterprises usually buy through multi-year
        agreements that let them add services over time, while small businesses and consumers more
        often purchase through partners or online. Marketplace sales, in which customers apply their
        committed Azure spending to third-party software, became a meaningful new channel for our
        partners during the year.""",
        H("HUMAN CAPITAL RESOURCES"),
        """As of June 30, 2024, we employed approximately 228,000 people full time, 126,000 in the
        United States and 102,000 elsewhere. Of that total, roughly 86,000 worked in operations,
        including manufacturing, distribution, product support and consulting; 81,000 in product
        research and development; 45,000 in sales and marketing; and 16,000 in general and
        administration. Some employees, most of them outside the United States, are covered by
        collective bargaining agreements. These figures include employees who joined us through the
        Activision Blizzard acquisition.""",
        """We invest in our people through competitive pay, equity awards and comprehensive
        benefits, and each year we review compensation to find and correct unexplained differences
        across gender and race. Managers are expected to hold regular conversations with their
        teams about growth and wellbeing, and we measure engagement through a survey twice a year
        whose results go to senior leadership. During fiscal year 2024 more than 90% of employees
        completed at least one course in our responsible AI and security curriculum.""",
        H("PROPERTIES"),
        """Our corporate headquarters are in Redmond, Washington, where we own roughly 13 million
        square feet of office and research space and lease additional space in the Puget Sound
        area. We own or lease data centers and facilities for research, sales, support and
        administration in many locations in the United States and abroad, including large sites in
        Ireland, India, China, the United Kingdom and Canada. We keep expanding our data center
        footprint by building new facilities, leasing capacity from third parties and signing
        long-term agreements for power and network connectivity, and we consider our facilities
        adequate for our present needs.""",
        H("AVAILABLE INFORMATION"),
        """Our investor relations website provides, without charge, our filings with the SEC soon
        after we file or furnish them, together with earnings materials, governance documents and
        our annual shareholder letter. We also use social media channels and our corporate blog to
        communicate with investors and the public, and information we post there could be deemed
        material. Nothing on or reachable through our websites forms part of this report.""",
    ]),
    ("item", "1A", [
        """The risks below could, alone or together, reduce our revenue, raise our costs, damage our
        reputation or lower the trading price of our stock. They are grouped by theme for
        readability, and the order in which they appear says nothing about their likelihood or
        potential impact. The table that follows summarizes the principal risks before each is
        discussed in more detail.""",
        PROSE_TABLE(["Risk category", "Summary of principal risks"], [
            ["Strategic and competitive",
             "Our markets change quickly, and our competitors include some of the largest companies "
             "in the world. If our investments in AI and cloud infrastructure do not produce "
             "offerings that customers value, we could lose share and fail to earn an adequate "
             "return on the capital we have committed."],
            ["Cybersecurity, data privacy, and platform abuse",
             "We are a frequent target of sophisticated attackers, including nation-state actors. A "
             "breach of our systems or of the services our customers depend on could disrupt "
             "operations, expose sensitive information and weaken trust in our products."],
            ["Legal, regulatory, and litigation",
             "We operate under a growing body of rules on competition, privacy, AI and online "
             "content, and we face government investigations and private lawsuits in many "
             "countries. Adverse outcomes could bring fines, damages or limits on how we design "
             "and sell our products."],
            ["Operational",
             "Our cloud services rely on data centers, electrical power, network capacity and "
             "specialized components that may be in short supply. Outages, shortages or "
             "construction delays could prevent us from meeting demand and hurt our results."],
            ["Intellectual property",
             "Our success depends on protecting our own intellectual property and on being able to "
             "use technology owned by others. Infringement claims, open source license terms and "
             "weak legal protection in some countries could reduce the value of what we invent."],
            ["General",
             "Economic downturns, geopolitical conflict, currency swings, catastrophic events and "
             "changes in tax law could weaken demand or raise our costs, and losing key employees "
             "could hurt our execution."],
        ]),
        H("STRATEGIC AND COMPETITIVE RISKS"),
        RISK("Competitors with different business models could take share from our most profitable "
             "businesses."),
        """Several of our most important markets are contested by firms that earn money in ways
        we do not, for example by selling advertising alongside free software or by bundling cloud
        services with hardware they also sell. These companies can price aggressively in the areas
        where we earn our highest margins and fund those prices with profits from elsewhere. Open
        source software, which can be obtained and modified without license fees, gives customers
        still more alternatives to many of our commercial products. If we respond by cutting prices
        or adding features at no extra charge, our revenue and operating margins could fall.""",
        RISK("Our investments in artificial intelligence may not generate the returns we expect."),
        """We are spending heavily to build AI into our products and to expand the infrastructure
        needed to train and run large models. These investments raise capital expenditures and
        depreciation years before the related revenue arrives, and demand for AI services may grow
        more slowly, or at lower prices, than we expect. AI systems can also produce inaccurate,
        biased or harmful output, and flaws in our models or our partners' models could draw
        regulatory scrutiny and harm our brand. The law governing AI, including the use of
        copyrighted material for training, is still unsettled.""",
        RISK("Our shift to cloud-based services carries execution and margin risks."),
        """Running services from our own data centers takes far more infrastructure investment
        than licensing software that customers operate themselves, and cloud gross margins can be
        lower than those of traditional licenses, especially while new regions ramp up. Customers
        moving to the cloud may also cut spending on our on-premises products faster than they
        adopt our cloud offerings. If we misjudge the pace of this transition we could end up with
        too much or too little capacity in particular regions, and our results would suffer.""",
        RISK("Acquisitions, joint ventures and strategic alliances may not deliver their expected "
             "benefits."),
        """We regularly buy companies and form partnerships, and some of these transactions, such
        as the Activision Blizzard acquisition and our investment in OpenAI, are very large.
        Integrating an acquired business can distract management, disrupt existing operations and
        cost us key employees or customers, and the benefits we anticipated may never appear.
        Partnerships also expose us to decisions made by partners we do not control. If goodwill or
        intangible assets become impaired, we could record significant charges.""",
        H("CYBERSECURITY, DATA PRIVACY, AND PLATFORM ABUSE RISKS"),
        RISK("Cyberattacks and security vulnerabilities could lead to lost revenue, higher costs, "
             "liability claims or reputational harm."),
        """Threat actors, including groups sponsored by foreign governments, have targeted our
        corporate systems and those of our customers; in fiscal year 2024 we disclosed that a
        nation-state group had gained access to a small number of corporate email accounts,
        including some belonging to senior leaders. Intrusions of this kind can go undetected for
        long periods and may be used to obtain source code, credentials or customer data. Because
        millions of organizations deploy our software and cloud services, a single vulnerability in
        our products can be exploited at scale, and responding to incidents consumes significant
        resources and can lead to litigation, regulatory action and lost business.""",
        RISK("Our handling of personal data is subject to strict and changing requirements."),
        """We collect and process large volumes of personal and business data for customers and for
        our own services, and the rules governing that activity differ widely from country to
        country. European data protection law, for example, restricts transfers of personal data
        out of the region and allows fines of up to 4% of worldwide revenue. Rules requiring data to
        be stored inside particular countries could raise our costs and reduce the efficiency of our
        global infrastructure, and any failure to comply, or any perception that we have misused
        data, could reduce demand for our services.""",
        RISK("Abuse of our platforms could create legal exposure and damage our reputation."),
        """Our services host material and interactions produced by users and by AI systems, from
        posts on a professional network to chat inside games. Bad actors may use these platforms to
        spread harmful content, commit fraud or harass others, and generative AI tools can be
        misused to create deceptive material at scale. Laws in several jurisdictions now oblige us
        to assess and mitigate these risks, and our moderation efforts may be criticized as either
        too weak or too heavy-handed.""",
        H("LEGAL, REGULATORY, AND LITIGATION RISKS"),
        RISK("Competition enforcement and regulation could limit how we design and market our "
             "products."),
        """Regulators in the United States, the European Union and elsewhere are examining how
        large technology companies bundle products, license software for use in other providers'
        clouds and invest in AI startups. The European Commission has objected to the way we
        distributed Teams with our productivity suites, and other authorities are reviewing cloud
        licensing practices. Remedies could include fines, required changes to product design or
        license terms, or restrictions on future acquisitions, any of which could make our offerings
        less competitive or less profitable.""",
        RISK("Claims and lawsuits against us could result in significant costs."),
        """We are defending patent infringement claims, consumer and securities suits, employment
        cases and commercial disputes, many of which seek large damages. The outcome of these
        matters is hard to predict, and an adverse judgment could require us to pay substantial
        sums, redesign products or stop offering certain features. Even when we win, litigation
        absorbs management time and legal expense.""",
        H("OPERATIONAL RISKS"),
        RISK("We may lack the data center capacity, power or components needed to meet demand for "
             "our cloud and AI services."),
        """Demand for AI workloads outran our available capacity for much of fiscal year 2024, and
        we expect constraints to continue into fiscal year 2025. Adding capacity requires land,
        electrical power, network connections and permits, as well as graphics processors and other
        parts that are scarce and come from a small number of suppliers. Delays in any of these
        areas could force us to turn business away or lose customers to competitors, while building
        too much would leave us with idle assets and higher depreciation.""",
        RISK("Outages and disruptions could damage customer confidence."),
        """Our cloud services run on a worldwide network of data centers linked by our own fiber and
        by third-party networks, and customers expect them to be available at every hour of the day.
        Hardware failures, software defects, faulty updates, power loss, extreme weather and
        deliberate attacks have all interrupted service before and could do so again. A widespread
        outage could trigger service-level credits, push customers to spread their workloads across
        other providers and attract the attention of regulators.""",
        H("GENERAL RISKS"),
        RISK("Adverse economic or market conditions may harm our business."),
        """Customer purchasing decisions respond to changes in economic activity, interest rates
        and business confidence. In a downturn, companies may delay new projects, reduce the number
        of licensed seats or shorten contract commitments, and consumers may spend less on devices
        and games. Economic weakness can also raise customer defaults, reduce the value of our
        investments and make it harder to collect receivables from partners in certain
        regions.""",
        RISK("Changes in our effective tax rate and the outcome of tax audits could hurt our "
             "results."),
        """Our worldwide tax expense depends on how earnings are split among jurisdictions with
        different statutory rates, on the value of our deferred tax assets and liabilities, and on
        changes in tax law, including global minimum tax rules now being adopted by many countries
        where we operate. The U.S. Internal Revenue Service is examining several of our prior tax
        years and has issued notices of proposed adjustments concerning intercompany transfer
        pricing; we plan to contest them through the administrative appeals process, and the final
        outcome could differ materially from the amounts we have accrued.""",
    ]),
    ("item", "1B", ["None."]),
    ("item", "1C", [
        H("RISK MANAGEMENT AND STRATEGY"),
        """Our cybersecurity program is meant to protect our own systems and, because so many
        organizations run on our software and cloud services, to help protect our customers as
        well. We organize the work around a company-wide security initiative that puts secure
        design, secure defaults and secure operations first, and we track progress against concrete
        engineering goals such as shortening the lifetime of credentials and isolating production
        environments from corporate networks. Security engineers sit inside product teams, while a
        central security organization sets standards, gathers threat intelligence and leads incident
        response.""",
        """Cybersecurity risk is assessed alongside other enterprise risks through our enterprise
        risk management process, and we commission independent audits, certifications and
        penetration tests to confirm that controls operate as designed. Suppliers with access to our
        networks or to customer data must meet our supplier security and privacy requirements, and
        those we rate as high risk receive additional review.""",
        H("GOVERNANCE"),
        """Our Chief Information Security Officer, who has held senior security roles at Microsoft
        for more than a decade after earlier positions in government and industry, leads the central
        security organization and reports to our Executive Vice President for security. Deputy
        security officers assigned to each engineering division are accountable for security
        outcomes in that division. The Audit Committee of our Board oversees cybersecurity risk and
        receives regular briefings, and the full Board reviews progress on the security initiative
        at least once a year. The nation-state intrusion we disclosed in January 2024 is discussed
        in Item 1A; so far it has not had a material impact on our operations or financial
        results.""",
    ]),
    ("item", "3", [
        """Refer to Note 15 – Contingencies of the Notes to Financial Statements in Part II, Item 8
        of this Form 10-K for information about the legal proceedings in which we are involved.
        Beyond the matters described there, we are subject to a variety of claims arising in the
        ordinary course of business, none of which we currently expect to have a material adverse
        effect on our financial position.""",
    ]),
    ("item", "4", ["Not applicable."]),
    ("part", "II"),
    ("item", "5", [
        H("MARKET AND STOCKHOLDERS"),
        """Our common stock trades on the Nasdaq Stock Market under the symbol MSFT. On July 25,
        2024, our common stock had 81,942 holders of record.""",
        H("SHARE REPURCHASES AND DIVIDENDS"),
        """In September 2021 our Board of Directors approved a program to repurchase up to $60.0
        billion of our common stock. The program has no expiration date and may be suspended or
        ended at any time, and approximately $21.5 billion of it remained available on June 30,
        2024. During fiscal year 2024 we repurchased 41 million shares for $17.3 billion and paid
        $21.8 billion in dividends. Repurchases in the fourth quarter were as follows:""",
        TABLE(None, ["Total Number of Shares Purchased", "Average Price Paid Per Share",
                     "Total Number of Shares Purchased as Part of Publicly Announced Plans or Programs",
                     "Approximate Dollar Value of Shares that May Yet be Purchased under the Plans or Programs (In millions)"],
              [text_row("April 1, 2024 – April 30, 2024", ["2,297,102", "$413.47", "2,297,102", "$22,783"]),
               text_row("May 1, 2024 – May 31, 2024", ["1,705,918", "$421.33", "1,705,918", "$22,064"]),
               text_row("June 1, 2024 – June 30, 2024", ["1,326,644", "$441.58", "1,326,644", "$21,478"]),
               text_row("Total", ["5,329,664", "", "5,329,664", ""], kind="total")],
              first_col="Period"),
        """Dividends declared by the Board in fiscal year 2024 totaled $3.00 per share. On June 12,
        2024, the Board declared a quarterly dividend of $0.75 per share, payable on September 12,
        2024 to shareholders of record on August 15, 2024. We expect to keep paying comparable
        quarterly dividends, subject to Board approval and to our financial condition and capital
        needs at the time.""",
    ]),
    ("item", "6", ["[Reserved]"]),
    ("item", "7", [
        """This discussion explains the main drivers of our results for fiscal year 2024 and of
        changes in our financial condition during the year. It supplements our consolidated
        financial statements and related notes in Part II, Item 8, and it focuses on fiscal year
        2024 compared with fiscal year 2023; our discussion of fiscal year 2023 compared with fiscal
        year 2022 appears in our prior-year annual report.""",
        H("OVERVIEW"),
        """Our business model combines recurring commercial subscriptions, consumption-based cloud
        services, perpetual and term licenses, devices and advertising. Because more of our revenue
        is now recognized ratably over subscription periods or as customers consume cloud resources,
        reported results respond gradually to changes in bookings, and commercial remaining
        performance obligation, which reached $268 billion at year end, has become an increasingly
        useful indicator of future revenue.""",
        H("Fiscal Year 2024 Highlights"),
        TABLE("SUMMARY RESULTS OF OPERATIONS", ["2024", "2023", "Percentage Change"],
              [pc_row("Revenue", 242130, 210730, "Revenues", dollar=True),
               pc_row("Gross margin", 169030, 144530, "GrossMargin"),
               pc_row("Operating income", 108600, 92120, "OperatingIncome"),
               pc_row("Net income", 88050, 76180, "NetIncome"),
               pc_row("Diluted earnings per share", 11.79, 10.21, "EPSDiluted", dollar=True, decimals=2)],
              col_ctx=["FY2024", "FY2023", None], note="(In millions, except percentages and per share amounts)",
              first_col="Year Ended June 30,"),
        """Revenue was $[[Revenues|FY2024|242,130]] million, up 15%, driven by growth in Intelligent
        Cloud and Productivity and Business Processes and by the addition of Activision Blizzard in
        More Personal Computing. Operating income rose 18% to
        $[[OperatingIncome|FY2024|108,600]] million, and net income increased 16% to
        $[[NetIncome|FY2024|88,050]] million. Diluted earnings per share were
        $[[EPSDiluted|FY2024|11.79]], an increase of 15% from $10.21 in the prior year.""",
        """Microsoft Cloud revenue, which includes Azure and other cloud services, the commercial
        cloud portion of Microsoft 365, the commercial portion of LinkedIn, Dynamics 365 and other
        commercial cloud properties, grew 23% to $135.2 billion. Microsoft Cloud gross margin
        percentage fell two points to 71%, as the cost of scaling AI infrastructure outweighed
        efficiency gains in Azure. Other notable changes during the year:""",
        UL("Office Commercial products and cloud services revenue grew 13%, on Microsoft 365 "
           "commercial seat growth and higher revenue per user.",
           "Azure and other cloud services revenue grew 29%, with AI services contributing roughly "
           "seven points of that growth.",
           "Xbox content and services revenue increased 50%, including 44 points of net impact from "
           "the Activision Blizzard acquisition.",
           "Windows OEM revenue increased 7% as shipments of personal computers stabilized after two "
           "years of decline."),
        H("Economic Conditions, Challenges, and Risks"),
        """Our markets are dynamic and highly competitive, and our results could be affected by
        changes in interest rates, exchange rates, corporate and consumer spending and the pace at
        which customers adopt AI. We continue to invest in cloud and AI infrastructure at a rapid
        rate: capital expenditures, including assets acquired under finance leases, were $55.7
        billion in fiscal year 2024, 75% more than the year before. These investments will raise
        depreciation in future periods and, at least at first, weigh on our cloud gross margin
        percentage.""",
        """Our forward-looking statements are subject to many risks and uncertainties, including
        the competitive, regulatory, cybersecurity and operational risks that we describe in Part I,
        Item 1A of this Form 10-K under the heading "Risk Factors," and actual results may differ
        materially from what we anticipate. We undertake no obligation to update these statements
        after the date of this report.""",
        """About half of our revenue is earned outside the United States. A stronger dollar against
        certain currencies, especially the Japanese yen and several emerging-market currencies,
        reduced revenue growth by about one point in fiscal year 2024 and had a smaller effect on
        operating expenses, because a larger share of our costs is incurred in U.S. dollars.""",
        H("SEGMENT RESULTS OF OPERATIONS"),
        TABLE(None, ["2024", "2023", "Percentage Change"],
              [section_row("Revenue"),
               pc_row("Productivity and Business Processes", 76840, 68950, "Revenues@PBP", kind="indent", dollar=True),
               pc_row("Intelligent Cloud", 104210, 87460, "Revenues@IC", kind="indent"),
               pc_row("More Personal Computing", 61080, 54320, "Revenues@MPC", kind="indent"),
               pc_row("Total", 242130, 210730, "Revenues", kind="total", dollar=True),
               section_row("Operating Income"),
               pc_row("Productivity and Business Processes", 40210, 34120, "OperatingIncome@PBP", kind="indent", dollar=True),
               pc_row("Intelligent Cloud", 48930, 41890, "OperatingIncome@IC", kind="indent"),
               pc_row("More Personal Computing", 19460, 16110, "OperatingIncome@MPC", kind="indent"),
               pc_row("Total", 108600, 92120, "OperatingIncome", kind="total", dollar=True)],
              col_ctx=["FY2024", "FY2023", None], note="(In millions, except percentages)",
              first_col="Year Ended June 30,"),
        H("Productivity and Business Processes"),
        """Revenue increased $7.9 billion or 11%. Office Commercial products and cloud services
        revenue grew $5.0 billion or 13%, led by 15% growth in Microsoft 365 commercial cloud, while
        revenue from Office licenses sold for on-premises use kept declining as customers moved to
        the cloud. Office Consumer products and cloud services revenue rose 4%, LinkedIn revenue
        increased 9% on growth in premium subscriptions and marketing solutions, and Dynamics
        revenue increased 16%, with Dynamics 365 up 19%.""",
        """Operating income for the segment increased $6.1 billion or 18%. Gross margin grew 12%,
        helped by better efficiency in our cloud infrastructure, while operating expenses rose 4%
        as we invested in AI features and stepped up LinkedIn marketing. The segment's operating
        margin widened from 49% to 52%.""",
        H("Intelligent Cloud"),
        """Revenue increased $16.8 billion or 19%. Server products and cloud services revenue grew
        22%, driven by 29% growth in Azure and other cloud services; demand for AI services
        accelerated through the year, and we brought substantial new capacity online in the second
        half. Server products revenue increased 3%, as demand for hybrid licensing from customers
        running workloads both on premises and in the cloud remained healthy. Enterprise and
        partner services revenue decreased 2%, mainly because of lower Enterprise Support Services
        revenue.""",
        """Intelligent Cloud operating income increased $7.0 billion or 17%. Gross margin percentage
        slipped slightly, as part of the benefit of higher Azure revenue was absorbed by the cost of
        scaling AI infrastructure, and operating expenses rose 8% because of investment in data
        center engineering and AI platform development.""",
        H("More Personal Computing"),
        """Revenue increased $6.8 billion or 12%. Gaming revenue grew 41% on the net impact of the
        Activision Blizzard acquisition; without that impact gaming revenue was roughly flat, as
        lower Xbox hardware sales offset growth in Game Pass subscriptions. Windows revenue rose 8%,
        reflecting both a recovery in OEM volumes and growth in Windows commercial products, while
        Devices revenue fell 15% on lower Surface sales. Search and news advertising revenue
        excluding traffic acquisition costs grew 12% on higher search volume and revenue per search
        in Edge and Bing.""",
        """Operating income increased $3.4 billion or 21%. The gain came from higher Windows and
        search revenue, which carries high incremental margins, and from the contribution of
        Activision Blizzard, partly offset by amortization of acquired intangible assets and
        integration costs. Operating expenses in the segment rose 23%, primarily because of the
        acquisition.""",
        H("OPERATING EXPENSES"),
        TABLE(None, ["2024", "2023", "Percentage Change"],
              [pc_row("Research and development", 29640, 25830, "RD", dollar=True),
               text_row("As a percent of revenue", ["12 %", "12 %", "0ppt"], kind="indent"),
               pc_row("Sales and marketing", 24380, 21030, "SM", dollar=True),
               text_row("As a percent of revenue", ["10 %", "10 %", "0ppt"], kind="indent"),
               pc_row("General and administrative", 6410, 5550, "GA", dollar=True),
               text_row("As a percent of revenue", ["3 %", "3 %", "0ppt"], kind="indent")],
              col_ctx=["FY2024", "FY2023", None], note="(In millions, except percentages)",
              first_col="Year Ended June 30,"),
        """Research and development expenses rose $3.8 billion or 15%, driven by the Activision
        Blizzard acquisition and by investment in cloud engineering and AI. Sales and marketing
        expenses rose $3.4 billion or 16%, reflecting the acquisition and added commercial sales
        capacity, partly offset by the severance charge recorded in the prior year. General and
        administrative expenses increased $860 million or 15%, mainly because of acquisition-related
        costs and higher legal fees.""",
        H("OTHER INCOME (EXPENSE), NET AND INCOME TAXES"),
        """Other income and expense, net was a net expense of $1.5 billion, compared with net income
        of $820 million in fiscal year 2023. The swing reflects higher interest expense on debt
        assumed with Activision Blizzard, net losses on equity method investments, and lower
        interest income after we used cash to fund the acquisition. Our effective tax rate was
        about 18% in both years, as tax benefits from integrating the acquired legal entities offset
        a smaller benefit from foreign earnings taxed at lower rates.""",
        H("LIQUIDITY AND CAPITAL RESOURCES"),
        """Cash, cash equivalents and short-term investments totaled $75.5 billion on June 30, 2024,
        down from $111.1 billion a year earlier, primarily because we paid $69.1 billion in cash,
        net of cash acquired, for Activision Blizzard. Cash from operations increased $30.9 billion
        to $[[OCF|FY2024|118,550]] million, mainly because of higher cash received from customers,
        partly offset by higher payments to suppliers and employees. Cash used in financing was
        $37.8 billion, chiefly for dividends, share repurchases and debt repayment, and cash used in
        investing rose to $97.0 billion, reflecting the acquisition payment and additions to
        property and equipment.""",
        """Most of our unearned revenue arises from volume licensing agreements that we bill at the
        start of each annual period and recognize over the following twelve months. Short-term
        unearned revenue was $57.5 billion at year end, 13% higher than a year earlier, reflecting
        strong renewals and new multi-year agreements. We expect to recognize about 45% of our total
        commercial remaining performance obligation as revenue over the next twelve months.""",
        """We have committed to substantial future spending on data centers and related
        infrastructure. As of June 30, 2024, we had construction commitments of $14.2 billion and
        purchase commitments for cloud infrastructure, components and other goods and services of
        $73.6 billion, most of them due within two years. We also had signed finance and operating
        leases that had not yet commenced, mainly for data centers, totaling $108.4 billion with
        terms of up to 20 years. We believe that existing cash and investments, cash from
        operations and access to the capital markets will be sufficient to fund these commitments,
        our dividends and our share repurchase program.""",
        H("CRITICAL ACCOUNTING ESTIMATES"),
        """Our contracts with customers often bundle several promises, such as licenses, cloud
        services, support and consulting. Deciding whether these promises are distinct performance
        obligations, and estimating standalone selling prices for items not sold separately,
        requires judgment; we draw on observable data such as contract pricing, customer size and
        geography, and a change in these judgments could shift the timing of revenue
        recognition.""",
        """Determining our worldwide provision for income taxes and our liabilities for uncertain
        tax positions requires judgment about how tax laws will be applied and how examinations will
        be resolved. We have recorded liabilities for uncertain tax positions of $22.3 billion, and
        changes to these estimates, including those arising from the ongoing U.S. examination of our
        transfer pricing, could materially affect our effective tax rate in the period in which they
        are recorded.""",
        """Goodwill is assigned to the reporting units expected to benefit from each business
        combination and is tested for impairment every year as of May 1, or sooner if events suggest
        a possible impairment. The fiscal year 2024 tests found no impairment in any reporting unit,
        including the gaming reporting unit that received most of the Activision Blizzard goodwill,
        although that unit's fair value exceeded its carrying amount by a narrower margin than the
        others.""",
    ]),
    ("item", "7A", [
        """We are exposed to economic risk from foreign exchange rates, interest rates, credit risk
        and equity prices. We use derivative instruments to manage these risks but not for
        speculation, and a treasury committee reviews the hedged amounts regularly.""",
        H("INTEREST RATE"),
        """Our fixed-income portfolio is spread across U.S. government and agency securities,
        corporate notes, mortgage- and asset-backed securities and foreign government bonds, and we
        manage its duration against benchmarks approved by management. To measure sensitivity we
        apply a hypothetical increase of 100 basis points to interest rates across the yield curve.
        On June 30, 2024, that scenario would have reduced the fair value of our fixed-income
        investments by approximately $1.2 billion, compared with $1.9 billion on June 30, 2023; the
        smaller figure reflects both a smaller portfolio and a shorter average maturity. Because our
        long-term debt carries fixed rates, the same scenario would leave interest expense unchanged
        but would lower the fair value of the debt.""",
        H("FOREIGN CURRENCY"),
        """Some forecasted transactions, assets and liabilities are exposed to exchange rate changes,
        chiefly in the euro, Japanese yen, British pound, Canadian dollar and Australian dollar. We
        hedge part of these exposures with forward and option contracts designated as cash flow or
        fair value hedges. A hypothetical 10% rise in the U.S. dollar against all currencies would
        have reduced the fair value of our currency-sensitive instruments by about $2.4 billion, with
        an offsetting effect on the underlying exposures.""",
        H("EQUITY AND CREDIT"),
        """We hold equity investments in public and private companies, including strategic
        investments related to AI. A hypothetical 10% fall in the price of our publicly traded
        equity holdings would have reduced their fair value by about $480 million. Credit risk in the
        fixed-income portfolio is limited by guidelines that require investment-grade ratings and
        cap our exposure to any single issuer.""",
    ]),
    ("item", "8", [
        BREAK,
        TABLE("INCOME STATEMENTS", ["2024", "2023", "2022"],
              [section_row("Revenue:"),
               row("Product", [63410, 64980, 72730], "Revenues@Product", kind="indent", dollar=True),
               row("Service and other", [178720, 145750, 125540], "Revenues@Service", kind="indent"),
               row("Total revenue", [242130, 210730, 198270], "Revenues", kind="total"),
               section_row("Cost of revenue:"),
               row("Product", [15620, 17390, 19100], "CostOfRevenue@Product", kind="indent"),
               row("Service and other", [57480, 48810, 43550], "CostOfRevenue@Service", kind="indent"),
               row("Total cost of revenue", [73100, 66200, 62650], "CostOfRevenue", kind="total"),
               row("Gross margin", [169030, 144530, 135620], "GrossMargin"),
               row("Research and development", [29640, 25830, 24510], "RD"),
               row("Sales and marketing", [24380, 21030, 21830], "SM"),
               row("General and administrative", [6410, 5550, 5900], "GA"),
               row("Operating income", [108600, 92120, 83380], "OperatingIncome", kind="total"),
               row("Other income (expense), net", [-1480, 820, 330], "OtherIncome"),
               row("Income before income taxes", [107120, 92940, 83710], "PretaxIncome"),
               row("Provision for income taxes", [19070, 16760, 10970], "Tax"),
               row("Net income", [88050, 76180, 72740], "NetIncome", kind="grand", dollar=True),
               section_row("Earnings per share:"),
               row("Basic", [11.83, 10.25, 9.70], "EPSBasic", kind="indent", dollar=True, decimals=2),
               row("Diluted", [11.79, 10.21, 9.65], "EPSDiluted", kind="indent", dollar=True, decimals=2),
               section_row("Weighted average shares outstanding:"),
               row("Basic", [7440, 7430, 7500], "SharesBasic", kind="indent"),
               row("Diluted", [7470, 7460, 7540], "SharesDiluted", kind="indent")],
              col_ctx=["FY2024", "FY2023", "FY2022"], note="(In millions, except per share amounts)",
              first_col="Year Ended June 30,"),
        """Refer to accompanying notes.""",
        BREAK,
        TABLE("BALANCE SHEETS", ["2024", "2023"],
              [section_row("Assets"),
               section_row("Current assets:"),
               row("Cash and cash equivalents", [18420, 34600], "Cash", kind="indent", dollar=True),
               row("Short-term investments", [57080, 76520], "ShortTermInvestments", kind="indent"),
               row("Total cash, cash equivalents, and short-term investments", [75500, 111120],
                   "CashCashEquivalentsAndShortTermInvestments", kind="total"),
               row("Accounts receivable, net of allowance for doubtful accounts of $830 and $650", [56120, 48310],
                   "AccountsReceivableNetCurrent", kind="indent"),
               row("Inventories", [1340, 2510], "InventoryNet", kind="indent"),
               row("Other current assets", [26310, 21840], "OtherAssetsCurrent", kind="indent"),
               row("Total current assets", [159270, 183780], "AssetsCurrent", kind="total"),
               row("Property and equipment, net of accumulated depreciation", [135480, 95640],
                   "PropertyPlantAndEquipmentNet"),
               row("Operating lease right-of-use assets", [24710, 14350], "OperatingLeaseRightOfUseAsset"),
               row("Equity investments", [14920, 9880], "LongTermInvestments"),
               row("Goodwill", [119150, 67920], "Goodwill"),
               row("Intangible assets, net", [27650, 9410], "IntangibleAssetsNetExcludingGoodwill"),
               row("Other long-term assets", [36380, 30560], "OtherAssetsNoncurrent"),
               row("Total assets", [517560, 411540], "Assets", kind="grand", dollar=True),
               section_row("Liabilities and stockholders' equity"),
               section_row("Current liabilities:"),
               row("Accounts payable", [21850, 18100], "AccountsPayableCurrent", kind="indent", dollar=True),
               row("Short-term debt", [6690, None], "ShortTermBorrowings", kind="indent"),
               row("Current portion of long-term debt", [2250, 5250], "LongTermDebtCurrent", kind="indent"),
               row("Accrued compensation", [12560, 11010], "EmployeeRelatedLiabilitiesCurrent", kind="indent"),
               row("Short-term income taxes", [5480, 4150], "AccruedIncomeTaxesCurrent", kind="indent"),
               row("Short-term unearned revenue", [57520, 50900], "ContractWithCustomerLiabilityCurrent", kind="indent"),
               row("Other current liabilities", [19840, 14760], "OtherLiabilitiesCurrent", kind="indent"),
               row("Total current liabilities", [126190, 104170], "LiabilitiesCurrent", kind="total"),
               row("Long-term debt", [42780, 41990], "LongTermDebtNoncurrent"),
               row("Long-term income taxes", [27110, 25540], "AccruedIncomeTaxesNoncurrent"),
               row("Long-term unearned revenue", [2640, 2910], "ContractWithCustomerLiabilityNoncurrent"),
               row("Deferred income taxes", [2520, 430], "DeferredIncomeTaxLiabilitiesNet"),
               row("Operating lease liabilities", [20980, 12730], "OperatingLeaseLiabilityNoncurrent"),
               row("Other long-term liabilities", [27150, 17980], "OtherLiabilitiesNoncurrent"),
               row("Total liabilities", [249370, 205750], "Liabilities", kind="total"),
               text_row("Commitments and contingencies", ["", ""]),
               section_row("Stockholders' equity:"),
               row("Common stock and paid-in capital – shares authorized 24,000; outstanding 7,434 and 7,432",
                   [100480, 93720], "CommonStocksIncludingAdditionalPaidInCapital", kind="indent"),
               row("Retained earnings", [173390, 118410], "RetainedEarningsAccumulatedDeficit", kind="indent"),
               row("Accumulated other comprehensive loss", [-5680, -6340],
                   "AccumulatedOtherComprehensiveIncomeLossNetOfTax", kind="indent"),
               row("Total stockholders' equity", [268190, 205790], "Equity", kind="total"),
               row("Total liabilities and stockholders' equity", [517560, 411540], "LiabilitiesAndEquity",
                   kind="grand", dollar=True)],
              col_ctx=["I2024", "I2023"], note="(In millions)", first_col="June 30,"),
        """Refer to accompanying notes.""",
        BREAK,
        TABLE("CASH FLOWS STATEMENTS", ["2024", "2023", "2022"],
              [section_row("Operations"),
               row("Net income", [88050, 76180, 72740], "NetIncome", dollar=True),
               section_row("Adjustments to reconcile net income to net cash from operations:"),
               row("Depreciation, amortization, and other", [22290, 13860, 14460],
                   "DepreciationAmortizationAndOther", kind="indent"),
               row("Stock-based compensation expense", [10730, 9610, 7500], "ShareBasedCompensation", kind="indent"),
               row("Net recognized losses (gains) on investments and derivatives", [310, 200, -410],
                   "GainLossOnInvestmentsAndDerivativeInstruments", kind="indent"),
               row("Deferred income taxes", [-4740, -6460, -5700], "DeferredIncomeTaxExpenseBenefit", kind="indent"),
               row("Changes in operating assets and liabilities, net", [1910, -5740, 450],
                   "IncreaseDecreaseInOperatingCapital", kind="indent"),
               row("Net cash from operations", [118550, 87650, 89040], "OCF", kind="total"),
               section_row("Financing"),
               row("Common stock issued", [2000, 1870, 1840], "ProceedsFromIssuanceOfCommonStock"),
               row("Common stock repurchased", [-17250, -22250, -32700], "PaymentsForRepurchaseOfCommonStock"),
               row("Common stock cash dividends paid", [-21770, -19800, -18140], "PaymentsOfDividendsCommonStock"),
               row("Repayments of debt, net", [-1650, -2750, -9020], "RepaymentsOfDebt"),
               row("Other, net", [910, -1010, -860], "ProceedsFromPaymentsForOtherFinancingActivities"),
               row("Net cash used in financing", [-37760, -43940, -58880],
                   "NetCashProvidedByUsedInFinancingActivities", kind="total"),
               section_row("Investing"),
               row("Additions to property and equipment", [-44480, -28110, -23890],
                   "PaymentsToAcquirePropertyPlantAndEquipment"),
               row("Acquisition of companies, net of cash acquired", [-69130, -1670, -22040],
                   "PaymentsToAcquireBusinessesNetOfCashAcquired"),
               row("Purchases of investments", [-17730, -37650, -26460], "PaymentsToAcquireInvestments"),
               row("Maturities and sales of investments", [34370, 44750, 42080],
                   "ProceedsFromSaleMaturityAndCollectionsOfInvestments"),
               row("Net cash used in investing", [-96970, -22680, -30310],
                   "NetCashProvidedByUsedInInvestingActivities", kind="total"),
               row("Effect of foreign exchange rates on cash and cash equivalents", [None, -360, -140],
                   "EffectOfExchangeRateOnCashAndCashEquivalents"),
               row("Net change in cash and cash equivalents", [-16180, 20670, -290],
                   "CashAndCashEquivalentsPeriodIncreaseDecrease"),
               text_row("Cash and cash equivalents, beginning of period", ["34,600", "13,930", "14,220"]),
               text_row("Cash and cash equivalents, end of period", ["$18,420", "$34,600", "$13,930"], kind="grand")],
              col_ctx=["FY2024", "FY2023", "FY2022"], note="(In millions)", first_col="Year Ended June 30,"),
        TEXTBLOCK("us-gaap:SignificantAccountingPoliciesTextBlock",
            H("NOTE 1 — ACCOUNTING POLICIES"),
            """Accounting Principles. Our consolidated financial statements are prepared in
            accordance with accounting principles generally accepted in the United States of America
            and include the accounts of Microsoft Corporation and its subsidiaries after elimination
            of intercompany transactions. Investments in companies over which we exercise
            significant influence but not control are accounted for using the equity method.""",
            """Revenue. A contract with a customer is accounted for when both parties have approved
            it, the rights and payment terms can be identified, the contract has commercial
            substance and collection is probable. Revenue from cloud services is recognized as the
            service is delivered, either ratably over the contract term or on the basis of
            consumption, while revenue from distinct on-premises licenses is recognized when the
            software is made available to the customer.""",
        ),
        TEXTBLOCK("us-gaap:BusinessCombinationDisclosureTextBlock",
            H("NOTE 8 — BUSINESS COMBINATIONS"),
            """On October 13, 2023 we completed the acquisition of Activision Blizzard for a total
            purchase price of $75.4 billion, consisting mainly of cash. The purchase price was
            allocated to goodwill of $50.6 billion, identified intangible assets of $20.9 billion and
            net other assets of $3.9 billion. The goodwill was assigned to the More Personal
            Computing segment and is not deductible for tax purposes, and Activision Blizzard's
            results have been included in our consolidated results from the acquisition date.""",
        ),
    ]),
    ("item", "9", ["None."]),
    ("item", "9A", [
        """Our Chief Executive Officer and Chief Financial Officer led an evaluation, as of June 30,
        2024, of the disclosure controls and procedures we use in preparing our SEC reports. Based
        on that review, they concluded that those controls and procedures were effective in making
        sure that material information about Microsoft and its consolidated subsidiaries is
        gathered and passed to them in time for decisions about what must be disclosed.""",
        H("REPORT OF MANAGEMENT ON INTERNAL CONTROL OVER FINANCIAL REPORTING"),
        """Management is responsible for establishing and maintaining adequate internal control
        over financial reporting for the Company. Using the framework in Internal Control –
        Integrated Framework (2013) issued by the Committee of Sponsoring Organizations of the
        Treadway Commission, management assessed that control and concluded that it was effective
        as of June 30, 2024. As SEC guidance permits for a business acquired during the year,
        management left Activision Blizzard out of the assessment; the acquired business
        represented less than 10% of total assets, excluding goodwill and intangible assets, and
        about 6% of total revenue for fiscal year 2024.""",
        """Deloitte & Touche LLP, our independent registered public accounting firm, has audited
        the effectiveness of our internal control over financial reporting as of June 30, 2024, and
        its report appears in Part II, Item 8 of this Form 10-K.""",
        H("CHANGES IN INTERNAL CONTROL OVER FINANCIAL REPORTING"),
        """During the fourth quarter of fiscal year 2024 we continued folding Activision Blizzard's
        financial processes into our control environment. Apart from that integration work, no
        change in our internal control over financial reporting occurred during the quarter that
        materially affected, or is reasonably likely to materially affect, that control.""",
    ]),
    ("item", "9B", [
        """During the quarter ended June 30, 2024, no director or executive officer of Microsoft
        adopted, modified or terminated a contract, instruction or written plan for the purchase or
        sale of our securities that was intended to satisfy Rule 10b5-1(c) or that would qualify as a
        non-Rule 10b5-1 trading arrangement.""",
    ]),
    ("item", "9C", ["Not applicable."]),
    ("part", "III"),
    ("item", "10", [
        """Information about our directors, the Audit Committee and our code of ethics will be
        presented in our Proxy Statement for the 2024 Annual Meeting of Shareholders, which we
        expect to file within 120 days after the end of fiscal year 2024, and is incorporated here by
        reference.""",
    ]),
    ("item", "11", [
        """We incorporate by reference the sections of the 2024 Proxy Statement titled "Director
        compensation," "Compensation discussion and analysis" and "Compensation Committee report,"
        together with the executive compensation tables that follow them.""",
    ]),
    ("item", "12", [
        """Beneficial ownership of our common stock by principal shareholders, directors and
        executive officers, and the number of shares authorized for issuance under our equity
        compensation plans, will be reported in the 2024 Proxy Statement, and those sections are
        incorporated herein.""",
    ]),
    ("item", "13", [
        """For transactions with related persons and the independence of our directors, see the
        sections of the 2024 Proxy Statement on director independence and on certain relationships
        and related transactions, which we incorporate into this Item.""",
    ]),
    ("item", "14", [
        """The fees paid to Deloitte & Touche LLP and the Audit Committee's policy for approving
        audit and non-audit services in advance will be described in the 2024 Proxy Statement, and
        that description is incorporated here by reference.""",
    ]),
    ("part", "IV"),
    ("item", "15", [
        """(a) Financial Statements and Schedules. The financial statements are set out in Part II,
        Item 8 of this report. All schedules are omitted because the required information is not
        applicable or is shown in the financial statements or notes.""",
        """(b) Exhibit Listing""",
        GRID(["Exhibit Number", "Exhibit Description", "Filed Herewith", "Form", "Period Ending", "Exhibit", "Filing Date"],
             [["3.1", "Amended and Restated Articles of Incorporation of Microsoft Corporation", "", "8-K", "", "3.1", "12/1/2016"],
              ["3.2", "Bylaws of Microsoft Corporation", "", "8-K", "", "3.2", "7/3/2023"],
              ["4.1", "Indenture, dated as of May 18, 2009, between Microsoft Corporation and The Bank of New York Mellon Trust Company, N.A., as Trustee", "", "S-3ASR", "", "4.1", "10/29/2015"],
              ["4.2", "Description of Securities", "", "10-K", "6/30/2019", "4.16", "8/1/2019"],
              ["10.1*", "Microsoft Corporation 2001 Stock Plan", "", "10-Q", "9/30/2016", "10.1", "10/20/2016"],
              ["10.4*", "Microsoft Corporation Deferred Compensation Plan", "X", "", "", "", ""],
              ["10.5*", "Microsoft Corporation 2017 Stock Plan", "", "DEF14A", "", "Annex C", "10/16/2017"],
              ["10.12*", "Microsoft Corporation Executive Incentive Plan", "", "8-K", "", "10.1", "9/19/2016"],
              ["19.1", "Microsoft Corporation Insider Trading Policy", "X", "", "", "", ""],
              ["21", "Subsidiaries of Registrant", "X", "", "", "", ""],
              ["23.1", "Consent of Independent Registered Public Accounting Firm", "X", "", "", "", ""],
              ["31.1", "Certification of Chief Executive Officer Pursuant to Section 302 of the Sarbanes-Oxley Act of 2002", "X", "", "", "", ""],
              ["31.2", "Certification of Chief Financial Officer Pursuant to Section 302 of the Sarbanes-Oxley Act of 2002", "X", "", "", "", ""],
              ["32.1**", "Certification of Chief Executive Officer Pursuant to Section 906 of the Sarbanes-Oxley Act of 2002", "X", "", "", "", ""],
              ["32.2**", "Certification of Chief Financial Officer Pursuant to Section 906 of the Sarbanes-Oxley Act of 2002", "X", "", "", "", ""],
              ["97.1*", "Microsoft Corporation Executive Compensation Recovery Policy", "", "10-K", "6/30/2023", "97.1", "7/27/2023"],
              ["101.INS", "Inline XBRL Instance Document – the instance document does not appear in the Interactive Data File as its XBRL tags are embedded within the Inline XBRL document", "X", "", "", "", ""],
              ["101.SCH", "Inline XBRL Taxonomy Extension Schema", "X", "", "", "", ""],
              ["104", "Cover page formatted as Inline XBRL and contained in Exhibit 101", "X", "", "", "", ""]]),
        """* Indicates a management contract or compensatory plan or arrangement. ** Furnished, not
        filed.""",
    ]),
    ("item", "16", ["None."]),
]

# ==========================================================================
# Alphabet Inc. -- fiscal year ended December 31, 2024 (invented figures)
# Alphabet's tables put the prior year first.
# ==========================================================================

GOOGL_ITEMS = [
    ("part", "I"),
    ("item", "1", [
        H("Overview"),
        """Alphabet Inc. is the holding company for Google and for a portfolio of smaller ventures.
        Google accounts for substantially all of our revenues and is reported in two segments,
        Google Services and Google Cloud; the remaining businesses, which range from autonomous
        driving to life sciences, are reported together as Other Bets. The holding company
        structure lets each business operate with considerable independence, while shared
        functions such as AI research, legal, finance and people operations support all of them.
        Google DeepMind, our combined AI research group, is reported within Alphabet-level
        activities.""",
        """Our strategy rests on the view that advances in artificial intelligence will make our
        products more helpful and will open new opportunities for the businesses and developers who
        build on our platforms. During 2024 we brought our Gemini family of models into Search,
        Workspace, Android and Google Cloud, cut the cost of serving AI responses dramatically
        through improvements in hardware and model efficiency, and began showing AI-generated
        overviews to search users in more than 100 countries. We expect to keep investing heavily in
        technical infrastructure to support this work.""",
        H("Google Services"),
        """Google Services includes Android, Chrome, devices, Gmail, Google Drive, Google Maps,
        Google Photos, Google Play, Search and YouTube, several of which are used by billions of
        people every month. These products earn revenue mainly from advertising, and also from fees
        for subscriptions, apps and in-app purchases and from the sale of hardware.""",
        """Search remains at the heart of Google Services. People bring every imaginable question to
        Search, and advertisers bid in our auctions to appear next to relevant results, usually
        paying only when a user clicks on an ad. In 2024 we expanded AI Overviews, which summarize
        information from across the web with links to the underlying sources, and began testing ads
        inside and alongside these summaries. Queries on mobile devices and through visual tools such
        as Lens continued to grow faster than query volume overall.""",
        """YouTube lets people watch, share and create video in formats ranging from short vertical
        clips to live sports broadcasts watched on connected televisions. We earn revenue from ads
        shown before, during and beside videos and from subscriptions including YouTube Premium,
        YouTube Music and YouTube TV, and we pay creators the majority of the advertising revenue
        their content generates. Viewing in the living room, where advertisers buy brand campaigns
        much as they would on traditional television, was among the fastest-growing parts of the
        platform in 2024.""",
        """Google Network properties, including AdMob, AdSense and Google Ad Manager, let
        publishers and app developers show ads from our advertisers in exchange for a share of the
        revenue. Outside of advertising, Google Services earns subscription and platform revenue
        from YouTube's paid services, Google One storage plans and Google Play's share of app and
        in-app sales, along with hardware revenue from Pixel phones, Nest home devices and Fitbit
        wearables. Google One members on the premium AI plan can use our most capable Gemini model
        directly inside Gmail and Docs.""",
        H("Google Cloud"),
        """Google Cloud provides enterprise infrastructure, platforms, data analytics, cybersecurity
        and collaboration tools through Google Cloud Platform and Google Workspace. Customers use
        our infrastructure, which combines tensor processing units we design ourselves with graphics
        processors from other suppliers, to train and run AI models, and our Vertex AI platform
        gives them access to Gemini and to more than 150 other models. Workspace brings together
        Gmail, Docs, Drive, Calendar, Meet and other applications, and generative AI features are
        now included in most Workspace business plans.""",
        """Most Google Cloud revenue comes from consumption-based fees and subscriptions. The
        business serves startups, large enterprises and public-sector agencies alike and sells
        through a direct sales force, resellers and a network of system integrators. Cloud revenues
        grew 31% in 2024 and the segment's operating margin improved meaningfully, reflecting growth
        in higher-margin AI and data services as well as careful management of headcount and
        infrastructure costs.""",
        H("Other Bets"),
        """Other Bets combines several smaller operating segments, none large enough to report
        separately, at very different stages of maturity. Waymo, the most advanced, runs a fully
        autonomous ride-hailing service open to the public in Phoenix, San Francisco and Los Angeles
        and completed more than four million paid rides in 2024. Verily and Calico work on health
        and life sciences, and most Other Bets revenues come from health technology and internet
        services.""",
        H("Competition"),
        """Our businesses face formidable competition in every market they serve. People looking
        for information can choose among general search engines, AI chatbots and assistants, social
        networks, specialized services for shopping or travel, and e-commerce sites where many
        product searches now begin. Advertisers can spread their budgets across all of these and
        many other channels, including connected television, retail media networks and traditional
        media, and they move spending quickly toward whatever delivers measurable returns.""",
        """In cloud computing we compete with other large infrastructure providers, with enterprise
        software companies and with firms offering specialized AI services. Android competes with
        other mobile operating systems, Pixel devices with a wide field of hardware makers, and
        YouTube with streaming services, social platforms and broadcast television. We believe our
        position depends on the relevance and usefulness of our products, the scale and efficiency
        of our technical infrastructure, and the trust users place in how we handle their
        information.""",
        H("Research and Development"),
        """We carry out extensive research in artificial intelligence, computing systems, quantum
        computing and other fields, and we publish a substantial portion of it openly. In December
        2024 our quantum AI team demonstrated a superconducting processor whose error rates fell as
        it was scaled up, an important step toward useful quantum computers. Research and
        development expenses were $[[RD|FY2024|49,280]] million in 2024, or 14% of revenues, and
        consisted mostly of compensation for engineers and the cost of the computing resources they
        use.""",
        H("Seasonality"),
        """Advertising revenues rise and fall with internet usage, advertiser budgets and consumer
        spending, and they are typically strongest in the fourth quarter because of holiday
        shopping. Device sales follow a similar pattern, and new Pixel hardware is usually announced
        in the second half of the year. Google Cloud revenues are less seasonal, although the timing
        of large commitments and of customers' budget cycles can cause swings from one quarter to
        the next.""",
        H("Government Regulation"),
        """We are subject to a growing number of laws in the United States and abroad covering
        competition, privacy, data protection, content moderation, consumer protection, AI and
        taxation, among other areas. In August 2024 a federal court ruled, in a case brought by the
        U.S. Department of Justice, that Google had unlawfully maintained monopolies in general
        search services and search text advertising, and proceedings to determine remedies are
        continuing. In the European Union we have been designated a gatekeeper under the Digital
        Markets Act and have changed Search, Android and Google Play to meet its obligations.
        Additional information appears in Part I, Item 3 of this report.""",
        H("Human Capital"),
        """At December 31, 2024, Alphabet had 181,960 full-time employees, compared with 182,380 a
        year earlier. During the year we reduced headcount in some areas while continuing to hire
        in AI, cloud and technical infrastructure, and we expect this reallocation to continue. Our
        compensation philosophy emphasizes pay for performance and long-term equity ownership, and
        our benefits include health and wellness programs, family leave, retirement savings and
        learning opportunities offered through internal platforms.""",
        """We monitor indicators of workforce health such as attrition, internal mobility and the
        results of an annual survey that a large majority of employees complete. We also support
        employee resource groups and run training meant to help managers lead teams through
        organizational change. Alphabet's Code of Conduct sets expectations for ethical behavior,
        and employees can raise concerns through several channels, including an anonymous helpline
        run by an outside provider.""",
        H("Available Information"),
        """Copies of the reports we file with the SEC, the charters of our board committees and our
        Code of Conduct are available free of charge on our investor relations website. We announce
        material information through SEC filings, press releases, public conference calls and
        webcasts, and we also use the investor relations site and the social media accounts of
        Alphabet and Google to communicate with investors. Information on these sites is not
        incorporated into this Annual Report on Form 10-K.""",
    ]),
    ("item", "1A", [
        """Our operations and financial results are subject to many risks, some within our control
        and many outside it. The discussion below describes the risks we currently consider
        material, organized by category; risks we have not identified, or that we now regard as
        immaterial, could also affect us. If any of these risks occurs, our business, financial
        condition and operating results, and the trading price of our Class A and Class C stock,
        could decline.""",
        H("Risks Specific to Our Business"),
        RISK("We rely heavily on advertising revenues, and reductions in advertiser spending could "
             "harm our results."),
        """Advertising produced roughly three-quarters of our revenues in 2024. Advertisers can
        cancel or shrink campaigns on short notice, and they tend to cut budgets quickly when the
        economy weakens, when geopolitical events disrupt demand, or when another channel appears to
        deliver a better return. Changes in user behavior, such as questions moving to AI assistants
        or to apps that do not use our advertising services, could also reduce the number of
        opportunities to show ads and the prices we can charge for them.""",
        RISK("Generative AI could change how people look for information in ways that reduce our "
             "monetization."),
        """An AI-generated answer can resolve a user's question without a click on a search result
        or an ad, and new entrants are building products that compete with Search for exactly these
        interactions. As we add AI to our own products we must find ad formats that are useful to
        users and effective for advertisers, and there is no guarantee that AI-driven queries will
        earn as much as traditional searches. AI responses also cost more to serve than standard
        results, which could squeeze margins if efficiency gains fail to keep up with usage.""",
        RISK("Our heavy investment in technical infrastructure may not earn adequate returns."),
        """Capital expenditures rose to $52.5 billion in 2024 from $32.3 billion in 2023, mostly for
        servers and data centers to support AI and cloud demand, and we expect them to rise again in
        2025. These assets depreciate over several years, so the related expense will weigh on
        operating results long after each investment decision is made. If demand falls short of our
        forecasts, or if technology changes make our infrastructure obsolete sooner than planned, we
        could face impairments or underused capacity.""",
        RISK("Google Cloud faces intense competition and execution risks."),
        """Google Cloud competes with providers that hold larger market shares and long-standing
        relationships with enterprise buyers. Winning large customers often requires heavy upfront
        investment in sales resources, pricing concessions and service commitments, and contracts may
        not renew on favorable terms. Shortages of AI accelerators limited how fast we could serve
        some customers during 2024, and any failure to secure enough chips, power and data center
        space could slow growth.""",
        RISK("We depend on distribution partners to make our products easy to reach."),
        """We pay browser developers, device manufacturers, carriers and other partners so that our
        search and other services are readily available to their users, and these traffic
        acquisition costs totaled $54.7 billion in 2024. Distribution agreements expire from time to
        time, may be renegotiated on worse terms, and are the subject of ongoing litigation and
        regulatory review. Losing default placement on important devices or browsers could reduce
        our traffic and revenues.""",
        RISK("Security breaches and service disruptions could damage our reputation and expose us "
             "to liability."),
        """Our systems hold data entrusted to us by billions of users and millions of businesses,
        and they attract persistent attacks from criminal groups and state-sponsored actors. A
        compromise of our infrastructure, of devices running our software or of one of our vendors
        could expose confidential information, interrupt services and trigger obligations to notify
        users and regulators. Outages caused by software errors, network failures or natural
        disasters would likewise hurt the users and customers who depend on our products to run
        their businesses.""",
        H("Risks Related to Legal and Regulatory Matters"),
        RISK("Antitrust proceedings and competition regulation could force us to change our "
             "business practices."),
        """Following the August 2024 liability ruling in the U.S. search case, the court is
        considering remedies that could limit our distribution agreements, impose data-sharing
        obligations or require structural changes affecting Chrome or Android. We also face a
        separate U.S. case about our advertising technology products, actions by state attorneys
        general, and investigations in Europe, Japan, India and other jurisdictions. We intend to
        appeal adverse decisions where appropriate, but the final outcomes could materially change
        how we operate and could bring large fines or compliance costs.""",
        RISK("Privacy and data protection laws could limit our ability to personalize services and "
             "ads."),
        """New and evolving privacy laws restrict how we may collect, use and share personal
        information, and regulators are paying closer attention to children's data, location
        information and data used to train AI models. Requirements to obtain consent for certain uses
        of data, or to keep data inside national borders, could make ads less relevant and raise our
        costs. Violations can lead to fines calculated on global revenues and to orders requiring
        product changes.""",
        RISK("We may face claims arising from content on our platforms and from the output of our "
             "AI models."),
        """We host and organize enormous amounts of third-party content and face claims of
        defamation, copyright infringement and other harms arising from that content or from what
        our models generate. Rights holders have sued over the use of publicly available data to
        train AI systems, and the legal principles that will govern such claims are still unclear.
        Any narrowing of the protections that online intermediaries now enjoy under U.S. and foreign
        law could substantially increase our exposure.""",
        H("Risks Related to Ownership of Our Stock"),
        RISK("The concentration of voting power among our founders limits other stockholders' "
             "ability to influence corporate matters."),
        """Our Class B common stock carries ten votes per share, Class A stock one vote, and Class C
        stock none. As a result, our founders control a majority of the combined voting power of our
        outstanding capital stock and can strongly influence the election of directors and other
        matters that require stockholder approval, even when other stockholders disagree. This
        concentration of control could also discourage a potential acquirer from pursuing a
        transaction that other stockholders might favor.""",
        RISK("We cannot guarantee that our share repurchase program or our dividends will "
             "continue."),
        """In April 2024 we began paying a quarterly cash dividend and authorized an additional
        $70.0 billion for repurchases of Class A and Class C shares. The timing and size of future
        repurchases and dividends depend on our cash needs, investment opportunities and market
        conditions, and they remain at the discretion of our Board of Directors. Any reduction or
        suspension could cause the price of our stock to fall.""",
        H("General Risks"),
        RISK("Our international operations expose us to additional risks."),
        """More than half of our revenues are generated outside the United States, and we have
        employees and facilities in dozens of countries. Currency swings, trade restrictions,
        sanctions, political instability, rules requiring local storage of data or content, and
        uneven protection of intellectual property all affect our ability to operate abroad. Rising
        tension between governments could restrict the sale of our products or the flow of
        components used in our devices and data centers.""",
        RISK("We may be unable to retain and motivate key talent."),
        """Competition for engineers and researchers with AI expertise is extraordinarily intense,
        and startups and other large companies have offered very large packages to attract them.
        Stock-based compensation is a significant part of our employees' pay, so a decline in our
        stock price could weaken its value as a retention tool. Organizational changes, including
        reductions in some teams, may hurt morale and lead employees we want to keep to leave.""",
    ]),
    ("item", "1B", ["None."]),
    ("item", "1C", [
        H("Risk Management and Strategy"),
        """Security is built into how we design products and operate our infrastructure. Our
        security organization, which includes thousands of engineers across Google and Alphabet, runs
        layered defenses that combine hardware-backed identity for machines and people, encryption of
        data at rest and in transit, continuous monitoring and automated detection built with machine
        learning. Specialized teams hunt for vulnerabilities in our own products and in widely used
        third-party software, and a dedicated threat intelligence group tracks state-sponsored and
        criminal actors.""",
        """Cybersecurity risk is part of our enterprise risk management framework, and we rely on
        both internal reviews and independent audits against frameworks such as ISO 27001 and SOC 2
        to evaluate our controls. Vendors that access sensitive systems or data pass a security
        review before they are engaged and are monitored afterward. Our incident response plans
        describe how incidents are triaged, escalated to leadership and evaluated for
        disclosure.""",
        H("Governance"),
        """These efforts are led by our Vice President of Privacy, Safety and Security Engineering
        and our Chief Information Security Officer, who report regularly to senior management. The
        Audit and Compliance Committee of the Board oversees cybersecurity risk and reviews reports on
        it at least annually, and more often when circumstances require. In 2024 we did not identify
        any cybersecurity incident that materially affected us, but threats are persistent and some
        incidents may go undetected for a period of time.""",
    ]),
    ("item", "2", [
        """Alphabet's principal offices are on a campus in Mountain View, California, most of which
        we own. Across North America, Europe, Latin America and Asia-Pacific we own or rent offices
        that house engineering, sales and support staff, and we operate more than 30 data center
        campuses on four continents, some on land we own and some in leased facilities. In 2024 we
        announced new data center investments in several U.S. states and in Europe and Asia.
        Management considers our current facilities well maintained and adequate for our plans, while
        recognizing that more capacity will be needed as AI workloads grow.""",
    ]),
    ("item", "3", [
        """For a description of our material pending legal proceedings, see Note 10 of the Notes to
        Consolidated Financial Statements in Part II, Item 8 of this Annual Report on Form 10-K,
        which is incorporated herein by reference. We are also subject to claims and regulatory
        matters in the normal course of business; we record accruals when we believe a loss is
        probable and can be reasonably estimated, and the amounts accrued for such matters were not
        individually material at December 31, 2024.""",
    ]),
    ("item", "4", ["Not applicable."]),
    ("part", "II"),
    ("item", "5", [
        """Our Class A common stock is listed on the Nasdaq Global Select Market under the symbol
        GOOGL, and our Class C capital stock trades on the same market under the symbol GOOG. Our
        Class B common stock is neither listed nor traded. At December 31, 2024, there were about
        2,100 stockholders of record of Class A stock, 1,650 of Class C stock and 55 of Class B
        stock, while most shares are held in street name.""",
        H("Dividends"),
        """We paid our first quarterly cash dividend, $0.20 per share, on June 17, 2024, and cash
        dividends paid during the year on our three classes of stock totaled $7.4 billion. In
        February 2025 the Board declared a quarterly dividend of $0.20 per share payable in March
        2025. We intend to keep paying quarterly dividends, subject to review and approval by the
        Board.""",
        H("Issuer Purchases of Equity Securities"),
        """During 2024 we repurchased and retired 365 million shares of Class A and Class C stock
        for an aggregate of $62.0 billion. Repurchases are made through open market transactions,
        including under plans that comply with Rule 10b5-1, and through privately negotiated
        transactions, and the program has no expiration date. At December 31, 2024, $44.7 billion
        remained available under the program. Fourth-quarter repurchases are summarized below (in
        thousands, except per share amounts and dollar values in millions):""",
        TABLE(None, ["Total Number of Class A Shares Purchased", "Total Number of Class C Shares Purchased",
                     "Average Price Paid per Class A Share", "Average Price Paid per Class C Share",
                     "Approximate Dollar Value of Shares that May Yet Be Purchased Under the Program"],
              [text_row("October 1 - 31", ["6,120", "22,480", "$165.42", "$166.87", "$56,020"]),
               text_row("November 1 - 30", ["5,870", "21,930", "$173.11", "$174.50", "$51,170"]),
               text_row("December 1 - 31", ["5,640", "29,030", "$185.36", "$186.90", "$44,700"]),
               text_row("Total", ["17,630", "73,440", "", "", ""], kind="total")],
              first_col="Period"),
    ]),
    ("item", "6", ["[Reserved]"]),
    ("item", "7", [
        """Please read the following discussion together with our consolidated financial
        statements and related notes in Part II, Item 8 of this Annual Report on Form 10-K.
        Comparisons are generally between 2024 and 2023; the comparison of 2023 with 2022 is set out
        in Item 7 of our Annual Report on Form 10-K for 2023.""",
        """The discussion includes forward-looking statements that involve risks and uncertainties.
        Our actual results could differ materially from those we anticipate because of many factors,
        including those discussed in Part I, Item 1A of this Form 10-K under the heading "Risk
        Factors," and we caution readers not to place undue reliance on statements that speak only
        as of the date of this report.""",
        H("Executive Overview"),
        """Revenues were $[[Revenues|FY2024|347,610]] million in 2024, up 14% year over year, with
        growth in Google Search & other, YouTube ads, Google subscriptions, platforms, and devices,
        and Google Cloud. Constant currency revenues, which exclude the effects of exchange rates
        and hedging, increased 15%. Operating income increased 33% to
        $[[OperatingIncome|FY2024|111,490]] million, and operating margin widened from 27% to 32%,
        helped by slower headcount growth and by the absence of the prior year's severance and office
        space charges.""",
        """Net income rose 35% to $[[NetIncome|FY2024|98,750]] million, and diluted earnings per
        share were $[[EPSDiluted|FY2024|7.91]], compared with $5.73 in 2023. Operating cash flow was
        $[[OCF|FY2024|125,310]] million, capital expenditures were $52.5 billion, and we returned
        $69.4 billion to stockholders through share repurchases and dividends. We ended the year
        with 181,960 employees, slightly fewer than a year earlier.""",
        H("Revenues"),
        TABLE(None, ["2023", "2024"],
              [row("Google Search & other", [174120, 196340], "Revenues@SearchOther", dollar=True),
               row("YouTube ads", [31180, 35910], "Revenues@YouTubeAds"),
               row("Google Network", [31460, 30120], "Revenues@Network"),
               row("Google advertising", [236760, 262370], "Revenues@Advertising", kind="total"),
               row("Google subscriptions, platforms, and devices", [34310, 40180], "Revenues@Subscriptions"),
               row("Google Services total", [271070, 302550], "Revenues@GoogleServices", kind="total"),
               row("Google Cloud", [33110, 43260], "Revenues@GoogleCloud"),
               row("Other Bets", [1510, 1620], "Revenues@OtherBets"),
               row("Hedging gains (losses)", [240, 180], "Revenues@Hedging"),
               row("Total revenues", [305930, 347610], "Revenues", kind="grand", dollar=True)],
              col_ctx=["FY2023", "FY2024"], note="(in millions)", first_col="Year Ended December 31,"),
        """Google Search & other revenues increased $22.2 billion, or 13%, from 2023 to 2024. The
        increase came mainly from growth in paid clicks, driven by higher query volume on mobile
        devices and continued growth in commercial queries, and to a lesser extent from higher
        average cost per click in certain verticals, including retail and travel. The rollout of AI
        Overviews did not have a measurable negative effect on paid clicks during the year.""",
        """YouTube ads revenues increased $4.7 billion, or 15%. Brand advertising led the growth,
        benefiting from spending around the U.S. elections and from rising viewership on connected
        televisions, and direct response advertising also grew as better ad formats and measurement
        encouraged advertisers to raise budgets. Monetization of Shorts relative to in-stream video
        continued to improve.""",
        """Google Network revenues decreased $1.3 billion, or 4%, mainly because of declines in
        AdSense and AdMob, partly offset by growth in Google Ad Manager. The decline reflects a
        continuing shift of advertiser demand toward our owned-and-operated properties and changes
        in the way publishers monetize their inventory.""",
        """Google subscriptions, platforms, and devices revenues grew $5.9 billion, or 17%, mostly
        from subscriptions, which benefited from more paid subscribers to YouTube services and Google
        One, including the AI premium plan introduced in 2024. Platform revenues from Google Play
        rose with higher buyer spending, while device revenues were roughly flat.""",
        """Google Cloud revenues increased $10.2 billion, or 31%, led by Google Cloud Platform,
        particularly infrastructure services and AI solutions, and by growth in Google Workspace from
        both new customers and higher average revenue per seat. In several quarters demand for
        AI-related infrastructure exceeded the capacity we had available.""",
        """By geography, U.S. revenues grew 14% to $170.4 billion, EMEA revenues increased 12%,
        APAC revenues increased 13% and Other Americas revenues increased 10%. Changes in exchange
        rates reduced revenues by about $2.6 billion, mostly because of the weaker Argentine peso,
        Japanese yen and Turkish lira, and hedging gains partly offset that effect.""",
        H("Costs and Expenses"),
        TABLE(None, ["2023", "2024"],
              [row("Cost of revenues", [133510, 146420], "CostOfRevenue", dollar=True),
               text_row("Cost of revenues as a percentage of revenues", ["44 %", "42 %"], kind="indent"),
               row("Research and development expenses", [45610, 49280], "RD", dollar=True),
               text_row("Research and development expenses as a percentage of revenues", ["15 %", "14 %"], kind="indent"),
               row("Sales and marketing expenses", [27660, 27710], "SM", dollar=True),
               text_row("Sales and marketing expenses as a percentage of revenues", ["9 %", "8 %"], kind="indent"),
               row("General and administrative expenses", [15610, 12710], "GA", dollar=True),
               text_row("General and administrative expenses as a percentage of revenues", ["5 %", "4 %"], kind="indent")],
              col_ctx=["FY2023", "FY2024"], note="(in millions, except percentages)",
              first_col="Year Ended December 31,"),
        """Cost of revenues increased $12.9 billion, or 10%, to $146.4 billion, although it fell as
        a percentage of revenues from 44% to 42%. Traffic acquisition costs rose 6%, more slowly than
        the related revenues, while other cost of revenues grew 13% because of higher depreciation on
        technical infrastructure, content acquisition costs for YouTube and higher data center
        operating costs.""",
        """Research and development expenses increased $3.7 billion, or 8%, mainly because of higher
        compensation, including stock-based compensation, and higher depreciation on servers used by
        our AI research teams, partly offset by lower severance costs. Sales and marketing expenses
        were essentially flat, as lower headcount offset more spending on advertising and promotion
        for Pixel and Gemini.""",
        """General and administrative expenses decreased $2.9 billion, or 19%, primarily because of
        lower charges for legal matters, which had been elevated in 2023, and the absence of the
        office space charges we recorded that year while reducing our real estate footprint.""",
        H("Segment Profitability"),
        TABLE(None, ["2023", "2024"],
              [section_row("Operating income (loss):"),
               row("Google Services", [95880, 121340], "OperatingIncome@GoogleServices", kind="indent", dollar=True),
               row("Google Cloud", [1640, 6190], "OperatingIncome@GoogleCloud", kind="indent"),
               row("Other Bets", [-4120, -4410], "OperatingIncome@OtherBets", kind="indent"),
               row("Alphabet-level activities", [-9860, -11630], "OperatingIncome@AlphabetLevel", kind="indent"),
               row("Total income from operations", [83540, 111490], "OperatingIncome", kind="grand", dollar=True)],
              col_ctx=["FY2023", "FY2024"], note="(in millions)", first_col="Year Ended December 31,"),
        """Google Services operating income increased $25.5 billion to
        $[[OperatingIncome|FY2024_GoogleServices|121,340]] million, and its operating margin rose
        to 40% from 35% as revenue growth outpaced increases in traffic acquisition costs, content
        costs and depreciation. Google Cloud operating income rose to $6.2 billion from $1.6
        billion, for an operating margin of 14%, reflecting revenue growth and efficiency gains in
        technical infrastructure. The Other Bets operating loss widened to $4.4 billion, primarily
        because of higher compensation at Waymo, and Alphabet-level activities costs increased to
        $11.6 billion on greater investment in AI model development by Google DeepMind.""",
        H("Other Income (Expense), Net and Provision for Income Taxes"),
        """Other income (expense), net increased to $6.9 billion in 2024 from $1.4 billion in 2023,
        driven mainly by unrealized gains on non-marketable equity securities, including the
        revaluation of an investment in an AI company after it raised new equity, and by higher
        interest income. Our effective tax rate increased from 14.1% to 16.6%, mainly because of a
        smaller benefit from the foreign-derived intangible income deduction and the effect of a tax
        settlement recognized in 2023.""",
        H("Liquidity and Capital Resources"),
        """At December 31, 2024, we held $95.7 billion in cash, cash equivalents and short-term
        marketable securities. Our main sources of liquidity are these balances, cash generated by
        operations and a $10.0 billion revolving credit facility that was undrawn throughout the
        year. We believe these sources will meet our working capital, capital expenditure, dividend
        and repurchase needs for at least the next twelve months, although we may issue debt from
        time to time to keep our capital structure flexible.""",
        """Cash provided by operating activities grew 23% to $125.3 billion, mainly reflecting
        higher net income adjusted for non-cash items, partly offset by higher tax payments. Cash
        used in investing activities was $45.5 billion, as purchases of property and equipment were
        partly funded by net maturities of marketable securities, and cash used in financing
        activities was $79.7 billion, consisting mostly of share repurchases, dividends and debt
        repayments.""",
        """Our material cash requirements include commitments for data center construction and
        servers, content licenses, long-term leases and income taxes. At December 31, 2024, we had
        purchase commitments of $58.3 billion, a large share of them for technical infrastructure
        payable within two years, and operating lease obligations of $16.8 billion. We also expect to
        pay the remaining $4.6 billion of transition tax on accumulated foreign earnings in 2025 and
        2026.""",
        H("Critical Accounting Estimates"),
        """We are regularly subject to claims, lawsuits, regulatory and government investigations
        and other proceedings involving competition, intellectual property, privacy, tax and other
        matters. Deciding whether a loss is probable and estimable, and how much to accrue, involves
        significant judgment about proceedings that may take years to resolve. Changes in these
        assessments, including those following new rulings in the antitrust matters described in
        Note 10, could materially affect our results in any period.""",
        """We depreciate servers and network equipment over estimated useful lives of six years and
        five to six years, respectively. These estimates reflect our experience of how long the
        equipment stays in productive use, and we revisit them as technology and usage patterns
        change. Shortening the estimated useful life of servers by one year would have increased
        depreciation expense in 2024 by about $3.9 billion.""",
        """Non-marketable equity securities without readily determinable fair values are carried at
        cost, adjusted for impairments and for observable price changes in orderly transactions for
        identical or similar securities of the same issuer. Measuring these adjustments often calls
        for judgment about the rights and preferences of different classes of securities, and
        because the portfolio is concentrated in a few privately held companies, a change in the
        valuation of one investment can materially affect other income.""",
    ]),
    ("item", "7A", [
        """We are exposed to financial market risks, including changes in foreign currency exchange
        rates, interest rates and the prices of equity investments, and we use derivative
        instruments selectively to hedge some of these exposures.""",
        H("Foreign Currency Exchange Risk"),
        """Our international revenues are denominated mainly in the euro, the Japanese yen and the
        British pound. We use foreign exchange options and forwards, generally maturing within 36
        months, to protect forecasted U.S. dollar equivalent earnings. To illustrate the exposure, we
        model a 10% weakening of the U.S. dollar at year end: the amount recorded in accumulated
        other comprehensive income before tax for these hedges would have been about $1.3 billion
        lower at December 31, 2024 and $1.1 billion lower at December 31, 2023, with an offsetting
        effect on revenues as the hedged transactions occur.""",
        """We also hedge monetary assets and liabilities held in currencies other than the
        functional currency of the entity that holds them, using forward contracts. A hypothetical
        adverse 10% move in exchange rates would have produced a loss of about $0.6 billion on these
        contracts, substantially offset by gains on the underlying balances.""",
        H("Interest Rate Risk"),
        """Our marketable debt securities, mostly government bonds, corporate debt and agency
        mortgage-backed securities, are held chiefly for liquidity and capital preservation, and
        their fair value moves opposite to interest rates. Applying a hypothetical 100-basis-point
        increase in rates across all maturities would have reduced the fair value of these
        securities by $2.1 billion at December 31, 2024, compared with $2.7 billion a year earlier.
        Because our outstanding notes carry fixed rates, a similar shift would change their fair
        value but not our interest expense.""",
        H("Equity Investment Risk"),
        """Our marketable and non-marketable equity securities, mostly in technology companies, can
        fluctuate significantly in value. A 10% decline in market prices would have reduced the fair
        value of our marketable equity securities by about $0.5 billion at year end. Non-marketable
        securities are not exposed to daily price moves but may be revalued sharply when an issuer
        completes a new financing or runs into difficulties.""",
    ]),
    ("item", "8", [
        BREAK,
        TABLE("CONSOLIDATED BALANCE SHEETS", ["2023", "2024"],
              [section_row("Assets"),
               section_row("Current assets:"),
               row("Cash and cash equivalents", [24050, 23470], "Cash", kind="indent", dollar=True),
               row("Marketable securities", [86870, 72190], "MarketableSecuritiesCurrent", kind="indent"),
               row("Total cash, cash equivalents, and marketable securities", [110920, 95660],
                   "CashCashEquivalentsAndShortTermInvestments", kind="total"),
               row("Accounts receivable, net", [47960, 52340], "AccountsReceivableNetCurrent", kind="indent"),
               row("Other current assets", [12650, 15880], "OtherAssetsCurrent", kind="indent"),
               row("Total current assets", [171530, 163880], "AssetsCurrent", kind="total"),
               row("Non-marketable securities", [31010, 37820], "EquitySecuritiesWithoutReadilyDeterminableFairValueAmount"),
               row("Deferred income taxes", [11250, 9140], "DeferredIncomeTaxAssetsNet"),
               row("Property and equipment, net", [134350, 171030], "PropertyPlantAndEquipmentNet"),
               row("Operating lease assets", [14190, 13460], "OperatingLeaseRightOfUseAsset"),
               row("Goodwill", [29200, 31980], "Goodwill"),
               row("Other non-current assets", [28960, 32610], "OtherAssetsNoncurrent"),
               row("Total assets", [420490, 459920], "Assets", kind="grand", dollar=True),
               section_row("Liabilities and Stockholders' Equity"),
               section_row("Current liabilities:"),
               row("Accounts payable", [7490, 7940], "AccountsPayableCurrent", kind="indent", dollar=True),
               row("Accrued compensation and benefits", [15130, 15820], "EmployeeRelatedLiabilitiesCurrent", kind="indent"),
               row("Accrued expenses and other current liabilities", [42010, 45270],
                   "AccruedLiabilitiesCurrent", kind="indent"),
               row("Accrued revenue share", [10480, 11640], "goog:AccruedRevenueShare", kind="indent"),
               row("Deferred revenue", [4130, 5010], "ContractWithCustomerLiabilityCurrent", kind="indent"),
               row("Income taxes payable, net", [11430, 10590], "AccruedIncomeTaxesCurrent", kind="indent"),
               row("Total current liabilities", [90670, 96270], "LiabilitiesCurrent", kind="total"),
               row("Long-term debt", [13250, 10880], "LongTermDebtNoncurrent"),
               row("Income taxes payable, non-current", [12760, 8970], "AccruedIncomeTaxesNoncurrent"),
               row("Operating lease liabilities", [10430, 11230], "OperatingLeaseLiabilityNoncurrent"),
               row("Other long-term liabilities", [11860, 12950], "OtherLiabilitiesNoncurrent"),
               row("Total liabilities", [138970, 140300], "Liabilities", kind="total"),
               text_row("Commitments and contingencies (Note 10)", ["", ""]),
               section_row("Stockholders' equity:"),
               row("Preferred stock, $0.001 par value per share, 100 shares authorized; no shares issued and outstanding",
                   [None, None], "PreferredStockValue", kind="indent"),
               row("Class A, Class B, Class C stock and additional paid-in capital", [76530, 84110],
                   "CommonStocksIncludingAdditionalPaidInCapital", kind="indent"),
               row("Accumulated other comprehensive income (loss)", [-4360, -3870],
                   "AccumulatedOtherComprehensiveIncomeLossNetOfTax", kind="indent"),
               row("Retained earnings", [209350, 239380], "RetainedEarningsAccumulatedDeficit", kind="indent"),
               row("Total stockholders' equity", [281520, 319620], "Equity", kind="total"),
               row("Total liabilities and stockholders' equity", [420490, 459920], "LiabilitiesAndEquity",
                   kind="grand", dollar=True)],
              col_ctx=["I2023", "I2024"], note="(in millions, except par value per share amounts)",
              first_col="As of December 31,"),
        """See accompanying notes.""",
        BREAK,
        TABLE("CONSOLIDATED STATEMENTS OF INCOME", ["2022", "2023", "2024"],
              [row("Revenues", [282840, 305930, 347610], "Revenues", dollar=True),
               section_row("Costs and expenses:"),
               row("Cost of revenues", [126240, 133510, 146420], "CostOfRevenue", kind="indent"),
               row("Research and development", [39820, 45610, 49280], "RD", kind="indent"),
               row("Sales and marketing", [26540, 27660, 27710], "SM", kind="indent"),
               row("General and administrative", [15830, 15610, 12710], "GA", kind="indent"),
               row("Total costs and expenses", [208430, 222390, 236120], "CostsAndExpenses", kind="total"),
               row("Income from operations", [74410, 83540, 111490], "OperatingIncome"),
               row("Other income (expense), net", [-3460, 1380, 6940], "OtherIncome"),
               row("Income before income taxes", [70950, 84920, 118430], "PretaxIncome"),
               row("Provision for income taxes", [11870, 11990, 19680], "Tax"),
               row("Net income", [59080, 72930, 98750], "NetIncome", kind="grand", dollar=True),
               row("Basic net income per share", [4.52, 5.77, 7.98], "EPSBasic", dollar=True, decimals=2),
               row("Diluted net income per share", [4.49, 5.73, 7.91], "EPSDiluted", dollar=True, decimals=2)],
              col_ctx=["FY2022", "FY2023", "FY2024"], note="(in millions, except per share amounts)",
              first_col="Year Ended December 31,"),
        """See accompanying notes.""",
        TEXTBLOCK("us-gaap:SignificantAccountingPoliciesTextBlock",
            H("Note 1. Summary of Significant Accounting Policies"),
            """Basis of Consolidation. The consolidated financial statements of Alphabet include the
            accounts of Alphabet and of entities consolidated under the variable interest and voting
            models, and all intercompany balances and transactions have been eliminated. Entities
            over which we have significant influence but not control are accounted for under the
            equity method, and investments in which we have neither control nor significant
            influence are carried as marketable or non-marketable securities.""",
            """Revenue Recognition. For advertising arrangements we are generally the principal,
            because we control the advertising inventory before it is transferred to customers; we
            therefore report advertising revenues gross, and amounts paid to distribution and Network
            partners are recorded as traffic acquisition costs in cost of revenues. Cloud revenues are
            recognized as services are consumed or ratably over the subscription term.""",
            """Change in Accounting Estimate. In January 2023 we completed a review of the useful
            lives of our servers and network equipment and extended them to six years and five to six
            years, respectively. We did not change these estimates in 2024, but we continue to monitor
            them closely given how quickly the hardware used for AI workloads is evolving.""",
        ),
    ]),
    ("item", "9", ["None."]),
    ("item", "9A", [
        H("Evaluation of Disclosure Controls and Procedures"),
        """With the participation of our Chief Executive Officer and Chief Financial Officer, our
        management assessed our disclosure controls and procedures as of December 31, 2024. Based on
        that assessment, those officers concluded that, as of that date, the controls and procedures
        operated at the reasonable assurance level to ensure that what we must disclose in our
        Exchange Act reports is recorded and reported on time and is gathered and communicated to
        management, including our principal executive and financial officers, so that timely
        disclosure decisions can be made.""",
        H("Management's Report on Internal Control over Financial Reporting"),
        """Our management is responsible for establishing and maintaining adequate internal control
        over financial reporting, as defined in Rule 13a-15(f) of the Exchange Act. Under the
        oversight of our Audit and Compliance Committee, management evaluated that control using the
        2013 framework issued by the Committee of Sponsoring Organizations of the Treadway Commission
        and concluded that it was effective as of December 31, 2024. Ernst & Young LLP has audited
        the effectiveness of our internal control over financial reporting, as stated in its report
        included in Part II, Item 8.""",
        H("Changes in Internal Control over Financial Reporting"),
        """We are moving certain finance processes onto new enterprise systems and have adjusted
        the related controls as each transition took place. Neither these changes nor any other
        change during the quarter ended December 31, 2024 materially affected, or is reasonably
        likely to materially affect, our internal control over financial reporting.""",
        H("Limitations on Effectiveness of Controls and Procedures"),
        """Controls can be circumvented through collusion or management override, and decisions
        that depend on human judgment can be mistaken. Our controls are designed to provide
        reasonable rather than absolute assurance, and the benefit of each control has to be weighed
        against its cost, so we cannot be certain that every error or instance of fraud will be
        prevented or detected.""",
    ]),
    ("item", "9B", [
        H("Securities Trading Plans of Directors and Executive Officers"),
        """During the quarter ended December 31, 2024, one of our directors and one executive
        officer each adopted a plan for the sale of Class A and Class C shares intended to satisfy
        Rule 10b5-1(c). The director's plan, adopted on November 8, 2024, covers the sale of up to
        500,000 shares through November 2025, and the officer's plan, adopted on December 3, 2024,
        covers up to 58,000 shares through December 2025. No other director or officer adopted or
        terminated such a plan during the quarter.""",
    ]),
    ("item", "9C", ["Not applicable."]),
    ("part", "III"),
    ("item", "10", [
        """The information this Item requires will appear in our proxy statement for the 2025
        Annual Meeting of Stockholders, to be filed with the SEC within 120 days after the end of
        2024, in the sections dealing with our directors, executive officers and corporate
        governance, and that information is incorporated herein by reference. Our Code of Conduct
        applies to all directors, officers and employees and is posted on our investor relations
        website.""",
    ]),
    ("item", "11", [
        """Executive compensation disclosure, including the Compensation Discussion and Analysis
        and the report of the Leadership Development, Inclusion and Compensation Committee, will be
        included in the 2025 proxy statement and is incorporated by reference.""",
    ]),
    ("item", "12", [
        """See the sections of the 2025 proxy statement on beneficial ownership and on equity
        compensation plans for the disclosure required here; those sections are incorporated
        herein.""",
    ]),
    ("item", "13", [
        """Disclosure about related person transactions and director independence will be provided
        in the 2025 proxy statement and is incorporated into this Annual Report by reference.""",
    ]),
    ("item", "14", [
        """Principal accountant fees and services, along with the pre-approval procedures of the
        Audit and Compliance Committee, will be presented in the 2025 proxy statement, and that
        presentation is incorporated herein by reference.""",
    ]),
    ("part", "IV"),
    ("item", "15", [
        """(a) The following documents are filed as part of this report: the consolidated financial
        statements listed in Part II, Item 8; financial statement schedules, which are omitted
        because they are not required or the information is included in the financial statements or
        notes; and the exhibits listed in the index below.""",
        GRID(["Exhibit Number", "Description", "Incorporated by reference herein: Form", "Date"],
             [["3.01", "Amended and Restated Certificate of Incorporation of Alphabet Inc., dated June 3, 2022", "Current Report on Form 8-K (File No. 001-37580)", "June 3, 2022"],
              ["3.02", "Amended and Restated Bylaws of Alphabet Inc., dated April 16, 2024", "Current Report on Form 8-K (File No. 001-37580)", "April 19, 2024"],
              ["4.01", "Specimen Class A Common Stock certificate", "Current Report on Form 8-K (File No. 001-37580)", "October 2, 2015"],
              ["4.02", "Specimen Class C Capital Stock certificate", "Current Report on Form 8-K (File No. 001-37580)", "October 2, 2015"],
              ["4.05", "Indenture, dated February 12, 2016, between Alphabet Inc. and The Bank of New York Mellon Trust Company, N.A., as Trustee", "Registration Statement on Form S-3 (File No. 333-209510)", "February 12, 2016"],
              ["10.01 \u2020", "Form of Indemnification Agreement entered into between Alphabet Inc., its affiliates and its directors and officers", "Current Report on Form 8-K (File No. 001-37580)", "October 2, 2015"],
              ["10.02 \u2020", "Alphabet Inc. Deferred Compensation Plan", "Annual Report on Form 10-K (File No. 001-37580)", "February 3, 2022"],
              ["10.03 \u2020", "Alphabet Inc. Amended and Restated 2021 Stock Plan", "Current Report on Form 8-K (File No. 001-37580)", "June 7, 2024"],
              ["19.01 *", "Alphabet Inc. Insider Trading Policy", "", ""],
              ["21.01 *", "Subsidiaries of the Registrant", "", ""],
              ["23.01 *", "Consent of Ernst & Young LLP, Independent Registered Public Accounting Firm", "", ""],
              ["24.01 *", "Power of Attorney (incorporated by reference to the signature page of this Annual Report on Form 10-K)", "", ""],
              ["31.01 *", "Certification of Chief Executive Officer pursuant to Exchange Act Rules 13a-14(a) and 15d-14(a)", "", ""],
              ["31.02 *", "Certification of Chief Financial Officer pursuant to Exchange Act Rules 13a-14(a) and 15d-14(a)", "", ""],
              ["32.01 \u2021", "Certifications of Chief Executive Officer and Chief Financial Officer pursuant to 18 U.S.C. Section 1350", "", ""],
              ["97.01", "Alphabet Inc. Clawback Policy", "Annual Report on Form 10-K (File No. 001-37580)", "January 31, 2024"],
              ["101.INS *", "Inline XBRL Instance Document", "", ""],
              ["101.SCH *", "Inline XBRL Taxonomy Extension Schema Document With Embedded Linkbase Documents", "", ""],
              ["104 *", "Cover Page Interactive Data File (formatted as Inline XBRL and contained in Exhibit 101)", "", ""]]),
        """\u2020 Indicates management compensatory plan, contract or arrangement. * Filed herewith.
        \u2021 Furnished herewith.""",
    ]),
    ("item", "16", ["None."]),
]

# ==========================================================================
# Microsoft Corporation -- fiscal year ended June 30, 1998: a plain-text
# full-submission filing of the pre-HTML era (invented figures).
# ==========================================================================

MSFT1998_TITLES = {
    "1": "BUSINESS",
    "2": "PROPERTIES",
    "3": "LEGAL PROCEEDINGS",
    "4": "SUBMISSION OF MATTERS TO A VOTE OF SECURITY HOLDERS",
    "5": "MARKET FOR REGISTRANT'S COMMON EQUITY AND RELATED STOCKHOLDER MATTERS",
    "6": "SELECTED FINANCIAL DATA",
    "7": "MANAGEMENT'S DISCUSSION AND ANALYSIS OF FINANCIAL CONDITION AND RESULTS OF OPERATIONS",
    "7A": "QUANTITATIVE AND QUALITATIVE DISCLOSURES ABOUT MARKET RISK",
    "8": "FINANCIAL STATEMENTS AND SUPPLEMENTARY DATA",
    "9": "CHANGES IN AND DISAGREEMENTS WITH ACCOUNTANTS ON ACCOUNTING AND FINANCIAL DISCLOSURE",
    "10": "DIRECTORS AND EXECUTIVE OFFICERS OF THE REGISTRANT",
    "11": "EXECUTIVE COMPENSATION",
    "12": "SECURITY OWNERSHIP OF CERTAIN BENEFICIAL OWNERS AND MANAGEMENT",
    "13": "CERTAIN RELATIONSHIPS AND RELATED TRANSACTIONS",
    "14": "EXHIBITS, FINANCIAL STATEMENT SCHEDULES, AND REPORTS ON FORM 8-K",
}

# The one <TABLE> block of the 10-K: (label, [1996, 1997, 1998]); None values
# mark a caption line, "-" and "=" rule lines under the figures.
MSFT1998_TABLE = {
    "caption": ["INCOME STATEMENTS", "(In millions, except earnings per share)"],
    "column_head": "Year Ended June 30",
    "columns": ["1996", "1997", "1998"],
    "rows": [
        ("Revenue", ["$ 8,704", "$11,296", "$15,112"]),
        ("Operating expenses:", None),
        ("  Cost of revenue", ["1,210", "1,080", "1,190"]),
        ("  Research and development", ["1,420", "1,910", "2,540"]),
        ("  Sales and marketing", ["2,640", "2,860", "3,350"]),
        ("  General and administrative", ["320", "370", "420"]),
        ("  Other expenses", ["20", "250", "220"]),
        ("-", None),
        ("    Total operating expenses", ["5,610", "6,470", "7,720"]),
        ("-", None),
        ("Operating income", ["3,094", "4,826", "7,392"]),
        ("Interest and other income", ["300", "430", "690"]),
        ("-", None),
        ("Income before income taxes", ["3,394", "5,256", "8,082"]),
        ("Provision for income taxes", ["1,188", "1,840", "2,870"]),
        ("-", None),
        ("Net income", ["$ 2,206", "$ 3,416", "$ 5,212"]),
        ("=", None),
        ("Earnings per share:", None),
        ("  Basic", ["$  0.92", "$  1.38", "$  2.06"]),
        ("  Diluted", ["$  0.87", "$  1.31", "$  1.97"]),
        ("Weighted average shares outstanding:", None),
        ("  Basic", ["2,398", "2,475", "2,530"]),
        ("  Diluted", ["2,540", "2,610", "2,640"]),
        ("", None),
        ("BALANCE SHEET DATA (JUNE 30)", None),
        ("Cash and short-term investments", ["", "$ 8,970", "$13,890"]),
        ("Total assets", ["", "14,430", "22,110"]),
        ("Unearned revenue", ["", "1,420", "2,880"]),
        ("Total current liabilities", ["", "3,610", "5,620"]),
        ("Stockholders' equity", ["", "10,820", "16,490"]),
    ],
}

# EX-27 financial data schedule (Article 5), amounts in millions.
MSFT1998_EX27 = [
    ("PERIOD-TYPE", "YEAR"), ("FISCAL-YEAR-END", "JUN-30-1998"), ("PERIOD-START", "JUL-01-1997"),
    ("PERIOD-END", "JUN-30-1998"), ("CASH", "3,820"), ("SECURITIES", "10,070"), ("RECEIVABLES", "1,480"),
    ("ALLOWANCES", "0"), ("INVENTORY", "0"), ("CURRENT-ASSETS", "16,130"), ("PP&E", "2,370"),
    ("DEPRECIATION", "820"), ("TOTAL-ASSETS", "22,110"), ("CURRENT-LIABILITIES", "5,620"),
    ("BONDS", "0"), ("PREFERRED-MANDATORY", "0"), ("PREFERRED", "980"), ("COMMON", "8,010"),
    ("OTHER-SE", "7,500"), ("TOTAL-LIABILITY-AND-EQUITY", "22,110"), ("SALES", "15,112"),
    ("TOTAL-REVENUES", "15,112"), ("CGS", "1,190"), ("TOTAL-COSTS", "1,190"),
    ("OTHER-EXPENSES", "6,530"), ("LOSS-PROVISION", "0"), ("INTEREST-EXPENSE", "0"),
    ("INCOME-PRETAX", "8,082"), ("INCOME-TAX", "2,870"), ("INCOME-CONTINUING", "5,212"),
    ("DISCONTINUED", "0"), ("EXTRAORDINARY", "0"), ("CHANGES", "0"), ("NET-INCOME", "5,212"),
    ("EPS-PRIMARY", "2.06"), ("EPS-DILUTED", "1.97"),
]

MSFT1998_ITEMS = [
    ("part", "I"),
    ("item", "1", [
        """Microsoft Corporation (the "Company"), organized in 1975 and incorporated in Washington
        in 1981, creates and licenses software for personal computers, servers and a widening range
        of other devices. Its product families run from operating systems and networking software to
        office productivity applications, programming tools, reference and entertainment titles, and
        Internet technologies. The Company also operates online services and sells computer books and
        hardware peripherals such as mice and keyboards, and it spends heavily on research into
        technologies that may not become products for several years.""",
        H("BUSINESS STRATEGY"),
        """The Company's strategy is to make the personal computer easier to use and more useful
        for individuals and organizations, while carrying its software onto the network servers,
        Internet services and new kinds of devices with which personal computers increasingly work.
        Management believes that the coming together of computing and communications creates a large
        opportunity for software that connects desktop computers to corporate networks and to the
        Internet, and during fiscal 1998 the Company built Internet technologies into nearly all of
        its products.""",
        H("PLATFORMS PRODUCT GROUP"),
        """The Platforms product group is responsible for the Company's operating systems and
        related technologies. Windows 98, the successor to Windows 95, was released to computer
        manufacturers in May 1998 and reached retail stores in late June, shortly before the fiscal
        year closed. It adds better support for new hardware standards such as the Universal Serial
        Bus and DVD drives, closer integration with the Internet Explorer browser, and tools that
        help users keep their systems current over the Internet. The Company expects Windows 98 to
        become the operating system shipped on most new consumer PCs during fiscal 1999.""",
        """Windows NT Workstation and Windows NT Server are aimed at business users who need more
        reliability and security than consumer operating systems provide. Licenses of Windows NT
        grew substantially in fiscal 1998 as corporations standardized their desktops and installed
        departmental servers for file sharing, printing, messaging and intranet applications.
        Development of the next major version of Windows NT continued throughout the year, and test
        releases went to several hundred thousand evaluators; the Company has not announced a date for
        commercial availability.""",
        """Windows CE is a compact operating system for handheld computers, television set-top
        boxes, automotive systems and other devices with limited memory. A growing number of hardware
        makers have licensed Windows CE, although unit volumes remain small compared with the
        Company's desktop products.""",
        H("APPLICATIONS AND CONTENT PRODUCT GROUP"),
        """The Applications and Content group develops the Company's productivity software,
        including Microsoft Office 97, which combines word processing, spreadsheet, presentation
        graphics, database and personal information management programs in a single package. Office
        97 was the largest source of applications revenue in fiscal 1998, and a version for the Apple
        Macintosh shipped in the first half of the year. The group also produces BackOffice server
        applications such as SQL Server and Exchange Server, reference titles such as the Encarta
        encyclopedia, and games.""",
        """Consumer online efforts include the MSN online service and its network of Web sites, the
        Expedia travel service, the CarPoint automotive site and the Sidewalk local entertainment
        guides. These businesses lost money in fiscal 1998 and will need substantial further
        investment. The Company is also a partner with NBC in the MSNBC cable network and news Web
        site.""",
        H("SALES AND MARKETING"),
        """The Company distributes its products through computer manufacturers, which install
        operating systems and sometimes applications on the machines they sell; through independent
        distributors and resellers; and directly to large organizations under enterprise agreements.
        Programs for solution providers and certified professionals support a network of consultants
        and trainers who help customers put the Company's products to work. Marketing includes print
        and broadcast advertising, trade shows, direct mail and campaigns conducted over the
        Internet.""",
        H("PRODUCT DEVELOPMENT"),
        """Most product development takes place in Redmond, Washington, with additional groups in
        Silicon Valley, Ireland, Israel, Japan and China. Research and development expense was $2,540
        million in fiscal 1998, compared with $1,910 million in fiscal 1997 and $1,420 million in
        fiscal 1996. The Company's research division, founded in 1991, pursues longer-range work on
        speech recognition, natural language processing, graphics and other technologies that may
        find their way into future products.""",
        H("OPERATIONS"),
        """The Company's principal manufacturing facilities, in Humacao, Puerto Rico and Dublin,
        Ireland, copy software onto compact discs and diskettes and assemble packaged products from
        parts supplied by outside vendors, most of which are available from several sources. A
        growing share of the Company's products is delivered electronically, including over the
        Internet, which lowers manufacturing costs and lets updates reach customers sooner.""",
        H("COMPETITION"),
        """The software business is intensely competitive and changes rapidly. The Company's
        operating systems compete with versions of UNIX from several vendors, with the Macintosh
        operating system, with OS/2 from IBM and with network operating systems such as NetWare, and
        newer alternatives, including Java-based platforms and the freely distributed Linux operating
        system, may become more important. Office competes with suites from Lotus and Corel, and the
        Company's Internet products face strong competition from Netscape and others. Competitors
        with large installed bases or lower prices could cause the Company to lose market share or to
        cut prices.""",
        H("EMPLOYEES"),
        """On June 30, 1998, the Company employed 27,320 people full time, 17,640 in the United
        States and 9,680 elsewhere. Of the total, 10,910 worked in product research and development,
        9,780 in sales, marketing and support, 3,870 in product and service operations and 2,760 in
        finance and administration. None of the Company's employees is covered by a collective
        bargaining agreement, and the Company considers its employee relations to be good.""",
    ]),
    ("item", "2", [
        """The Company's corporate offices are in Redmond, Washington, on a campus of roughly 260
        acres that the Company owns and that holds more than five million square feet of office and
        laboratory space. The Company also leases offices in the Puget Sound area and owns or leases
        sales and support offices throughout the United States and in more than 60 other countries.
        Disks, compact discs and documentation are produced by the Company in Ireland and Puerto Rico
        and by outside vendors elsewhere. The Company believes its facilities are adequate for its
        present needs.""",
    ]),
    ("item", "3", [
        """On May 18, 1998, the Antitrust Division of the U.S. Department of Justice and a group of
        20 state Attorneys General filed lawsuits against the Company in the U.S. District Court for
        the District of Columbia, alleging violations of the Sherman Act and related state laws in
        connection with the Company's licensing of Windows and its distribution of Internet Explorer.
        The cases have been consolidated, and trial is scheduled to begin in the fall of 1998. The
        Company denies the allegations and intends to defend itself vigorously. The Company is also a
        defendant in other lawsuits arising in the ordinary course of business, none of which
        management expects to have a material adverse effect on the Company's financial
        position.""",
    ]),
    ("item", "4", ["None."]),
    ("part", "II"),
    ("item", "5", [
        """The Company's common stock is traded on the Nasdaq National Market under the symbol MSFT.
        On August 31, 1998, there were 96,050 holders of record of the common stock. The Company has
        never paid cash dividends on its common stock and does not currently intend to do so; cash
        has instead been used to fund growth and to repurchase shares that offset dilution from
        employee stock plans. In February 1998 the Company effected a two-for-one stock split, and
        all per share amounts in this report reflect the split.""",
    ]),
    ("item", "6", [
        """Revenue for the fiscal years ended June 30, 1994 through 1998 was $4,712 million, $5,890
        million, $8,704 million, $11,296 million and $15,112 million, respectively, and net income
        for the same years was $1,120 million, $1,470 million, $2,206 million, $3,416 million and
        $5,212 million. Total assets at June 30, 1998 were $22,110 million, compared with $14,430
        million a year earlier, and the Company had no long-term debt at either date. Earnings per
        share are presented on a diluted basis and reflect all stock splits.""",
    ]),
    ("item", "7", [
        H("RESULTS OF OPERATIONS FOR 1996, 1997 AND 1998"),
        """Revenue grew 34% in fiscal 1998 to $15,112 million, following growth of 30% in fiscal
        1997. The increase came from strong licensing of Windows operating systems to computer
        manufacturers, growth in Windows NT Workstation and Windows NT Server, and continued demand
        for Office through enterprise license agreements. Average revenue per unit declined slightly
        as a larger share of licenses was sold through volume programs rather than as full retail
        packages.""",
        """Platforms product revenue was $7,840 million in fiscal 1998, an increase of 45%,
        reflecting a 33% increase in licenses shipped by computer manufacturers and a richer mix of
        Windows NT licenses. Applications and Content revenue was $7,272 million, an increase of 23%;
        Office upgrade revenue slowed in the second half of the year after the rapid initial adoption
        of Office 97, partly offset by increased licensing of BackOffice products and by growth in
        online advertising.""",
        """Revenue from outside the United States was about 44% of total revenue in fiscal 1998.
        Economic turmoil in Southeast Asia reduced demand in several markets in the region, and the
        strengthening of the U.S. dollar against most major currencies lowered reported revenue by
        about 3% compared with what it would have been at constant exchange rates. International
        results are also held back by software piracy, which remains widespread in many
        countries.""",
        """A portion of the revenue from Windows and Office licenses is recognized ratably over the
        estimated life cycle of the products, reflecting the Company's obligation to deliver
        unspecified upgrades and Internet enhancements. Unearned revenue rose to $2,880 million at
        June 30, 1998 from $1,420 million a year earlier, and this ratable treatment reduced reported
        revenue growth in fiscal 1998 by about five percentage points.""",
        """Cost of revenue was 7.9% of revenue in fiscal 1998, compared with 9.6% in fiscal 1997, as
        more products were delivered through manufacturer licenses and electronic distribution
        instead of in boxes with printed manuals. Research and development expense grew 33% because
        of the hiring of software engineers and higher third-party development costs. Sales and
        marketing expense increased 17%, more slowly than revenue, and general and administrative
        expense rose 14%, reflecting legal costs associated with the government proceedings.""",
        """Other expenses of $220 million consisted mainly of the Company's share of losses of joint
        ventures and write-downs of investments. Interest and other income rose to $690 million from
        $430 million on higher average balances of cash and short-term investments. The effective
        income tax rate was 35.5% in fiscal 1998, compared with 35.0% in fiscal 1997.""",
        H("FINANCIAL CONDITION"),
        """Cash and short-term investments totaled $13,890 million at June 30, 1998, an increase of
        $4,920 million during the year, and represented 63% of total assets. Operating cash flow was
        strong, and the Company spent $2,470 million during the year to repurchase common shares and
        settle put warrants, partly offset by proceeds from the exercise of employee stock options.
        The Company has no debt and believes that existing cash and short-term investments, together
        with funds generated by operations, will meet its operating requirements for the foreseeable
        future.""",
        H("YEAR 2000"),
        """The Company has set up a program to assess and correct the ability of its products and
        internal systems to handle dates in the year 2000 and beyond. Most current versions of the
        Company's products are compliant or will be made compliant through updates that the Company
        distributes at no charge, but some older products will not be updated, and customers who keep
        relying on them may experience problems. The Company is also reviewing its internal business
        systems and those of key suppliers and does not expect the cost of the program to be material.
        Nevertheless, the Company could face claims from customers, and the problem may lead
        customers to divert technology budgets toward remediation.""",
        H("EURO CONVERSION"),
        """On January 1, 1999, eleven member states of the European Union will adopt the euro as
        their common currency. The Company is updating its products to support the euro symbol and
        formatting conventions and is changing its internal systems to handle transactions in euros
        during the transition period. The Company does not expect the conversion to have a material
        effect on its financial results.""",
        H("ISSUES AND UNCERTAINTIES"),
        """Future results may be affected by the pace of personal computer sales, the timing of
        new product releases, competition from Internet-based computing models, and the outcome of
        the antitrust proceedings described under Item 3 of Part I, which could restrict how the
        Company designs and licenses its operating systems. The price of the Company's stock is
        subject to significant volatility, and any shortfall in revenue or earnings from the
        expectations of securities analysts could have an immediate effect on that price.""",
    ]),
    ("item", "7A", [
        """The Company's investment portfolio consists mainly of U.S. government and agency
        securities, corporate notes and bonds, and money market instruments. A hypothetical 100 basis
        point increase in interest rates would have reduced the fair value of the Company's
        fixed-income holdings by about $160 million at June 30, 1998. The Company hedges part of its
        anticipated international revenue with purchased currency options and uses forward contracts
        to hedge certain equity investments; a 10% adverse change in exchange rates would not have had
        a material effect on results, because losses on the underlying exposures would be largely
        offset by gains on the hedging instruments.""",
    ]),
    ("item", "8", [
        """Summarized consolidated income statement and balance sheet data for the three years
        ended June 30, 1998 are presented below. The Company's financial statements are prepared in
        accordance with generally accepted accounting principles and have been audited by Deloitte &
        Touche LLP, independent auditors, whose report expresses an unqualified opinion.""",
        ("pre", MSFT1998_TABLE),
        """Revenue from arrangements with several elements is allocated to each element on the
        basis of its fair value, and revenue attributable to undelivered upgrades and support is
        deferred and recognized over the product life cycle. Per share amounts are computed under
        Statement of Financial Accounting Standards No. 128, Earnings per Share, which the Company
        adopted in the second quarter of fiscal 1998.""",
    ]),
    ("item", "9", ["None."]),
    ("part", "III"),
    ("item", "10", [
        """Information about the Company's directors and executive officers will appear in the
        Company's definitive Proxy Statement for its 1998 Annual Meeting of Shareholders, to be
        filed with the Commission within 120 days after June 30, 1998, and is incorporated herein by
        reference.""",
    ]),
    ("item", "11", [
        """The information on executive compensation required by this Item is incorporated by
        reference to the section of the Proxy Statement entitled "Executive Compensation." """,
    ]),
    ("item", "12", [
        """Security ownership of principal shareholders and management will be set out in the Proxy
        Statement under the caption "Information Regarding Beneficial Ownership of Principal
        Shareholders and Management," which is incorporated herein.""",
    ]),
    ("item", "13", [
        """Any transactions with directors or officers that must be reported will be described in
        the Proxy Statement, which is incorporated by reference into this Item.""",
    ]),
    ("part", "IV"),
    ("item", "14", [
        """(a) Financial Statements. The summarized financial information required by this Item is
        included in Part II, Item 8. (b) Reports on Form 8-K. The Company filed no Current Reports on
        Form 8-K during the fourth quarter of fiscal 1998. (c) Exhibits. The exhibits filed with this
        report is Exhibit 27, the Financial Data Schedule. The Restated Articles of Incorporation, the
        Bylaws and the Company's stock option and employee stock purchase plans are incorporated by
        reference to the Company's earlier filings with the Commission.""",
    ]),
]

# ==========================================================================
# Per-filing configuration: identity, cover page, XBRL contexts and the
# hidden (ix:hidden) facts.  Context ids: FY2024 etc. are fiscal-year
# durations, I2024 etc. balance-sheet instants, DSHARES/DFLOAT the cover-page
# dates; "_Member" suffixes add a dimension from ``members``.
# ==========================================================================

COMMON_DEI_HIDDEN = [
    ("dei:AmendmentFlag", "FY2024", "false"),
    ("dei:DocumentFiscalYearFocus", "FY2024", "2024"),
    ("dei:DocumentFiscalPeriodFocus", "FY2024", "FY"),
    ("dei:EntityWellKnownSeasonedIssuer", "FY2024", "Yes"),
    ("dei:EntityVoluntaryFilers", "FY2024", "No"),
    ("dei:EntityCurrentReportingStatus", "FY2024", "Yes"),
    ("dei:EntityInteractiveDataCurrent", "FY2024", "Yes"),
    ("dei:EntityFilerCategory", "FY2024", "Large Accelerated Filer"),
    ("dei:EntitySmallBusiness", "FY2024", "false"),
    ("dei:EntityEmergingGrowthCompany", "FY2024", "false"),
    ("dei:EntityShellCompany", "FY2024", "false"),
    ("dei:IcfrAuditorAttestationFlag", "FY2024", "true"),
    ("dei:DocumentFinStmtErrorCorrectionFlag", "FY2024", "false"),
]

FILINGS = [
    {
        "ticker": "AAPL", "cik": "0000320193", "company": "Apple Inc.",
        "accession": "0000320193-24-000123", "filed": "2024-11-01", "period": "2024-09-28",
        "items": AAPL_ITEMS, "prefix": "aapl", "namespace": "http://www.apple.com/20240928",
        "periods": {"FY2024": ("2023-10-01", "2024-09-28"), "FY2023": ("2022-09-25", "2023-09-30"),
                    "FY2022": ("2021-09-26", "2022-09-24")},
        "instants": {"I2024": "2024-09-28", "I2023": "2023-09-30", "DSHARES": "2024-10-18",
                     "DFLOAT": "2024-03-29"},
        "members": {
            "Americas": ("us-gaap:StatementBusinessSegmentsAxis", "aapl:AmericasSegmentMember"),
            "Europe": ("us-gaap:StatementBusinessSegmentsAxis", "aapl:EuropeSegmentMember"),
            "GreaterChina": ("us-gaap:StatementBusinessSegmentsAxis", "aapl:GreaterChinaSegmentMember"),
            "Japan": ("us-gaap:StatementBusinessSegmentsAxis", "aapl:JapanSegmentMember"),
            "RestOfAsiaPacific": ("us-gaap:StatementBusinessSegmentsAxis", "aapl:RestOfAsiaPacificSegmentMember"),
            "IPhone": ("srt:ProductOrServiceAxis", "aapl:IPhoneMember"),
            "Mac": ("srt:ProductOrServiceAxis", "aapl:MacMember"),
            "IPad": ("srt:ProductOrServiceAxis", "aapl:IPadMember"),
            "Wearables": ("srt:ProductOrServiceAxis", "aapl:WearablesHomeandAccessoriesMember"),
            "Services": ("srt:ProductOrServiceAxis", "us-gaap:ServiceMember"),
            "Products": ("srt:ProductOrServiceAxis", "us-gaap:ProductMember"),
            "Common": ("us-gaap:StatementClassOfStockAxis", "us-gaap:CommonStockMember"),
            "Notes2025": ("us-gaap:StatementClassOfStockAxis", "aapl:A0.000Notesdue2025Member"),
            "Notes2026": ("us-gaap:StatementClassOfStockAxis", "aapl:A1.625NotesDue2026Member"),
        },
        "cover": {
            "fy_end": "September 28, 2024", "fy_end_md": "--09-28", "file_no": "001-36743",
            "state": "California", "irs": "94-2404110", "street": "One Apple Park Way",
            "city": "Cupertino", "addr_state": "California", "zip": "95014",
            "area": "408", "phone": "996-1010",
            "securities": [("Common Stock, $0.00001 par value per share", "AAPL", "The Nasdaq Stock Market LLC", "Common"),
                           ("0.000% Notes due 2025", "—", "The Nasdaq Stock Market LLC", "Notes2025"),
                           ("1.625% Notes due 2026", "—", "The Nasdaq Stock Market LLC", "Notes2026")],
            "float": "2,591,430,000,000", "float_date": "March 29, 2024",
            "shares": [("15,115,823,000", "", "shares of common stock were issued and outstanding")],
            "shares_date": "October 18, 2024",
            "proxy": "Portions of the Registrant's definitive proxy statement relating to its 2025 annual "
                     "meeting of shareholders are incorporated by reference into Part III of this Annual "
                     "Report on Form 10-K where indicated. The Registrant intends to file the proxy "
                     "statement with the SEC within 120 days after the end of the fiscal year to which "
                     "this report relates.",
            "signature": "In accordance with Section 13 or 15(d) of the Securities Exchange Act of 1934, the "
                         "Registrant has caused this report to be signed on its behalf by its Senior Vice "
                         "President and Chief Financial Officer, who is duly authorized to do so.",
            "signed": "Date: November 1, 2024",
        },
        "hidden": COMMON_DEI_HIDDEN + [
            ("dei:EntityCentralIndexKey", "FY2024", "0000320193"),
            ("dei:CurrentFiscalYearEndDate", "FY2024", "--09-28"),
            ("dei:AuditorName", "FY2024", "Ernst & Young LLP"),
            ("dei:AuditorLocation", "FY2024", "San Jose, California"),
            ("dei:AuditorFirmId", "FY2024", "42"),
            ("us-gaap:CommonStockSharesAuthorized", "I2024", ("shares", "50,400,000,000")),
            ("us-gaap:CommonStockSharesIssued", "I2024", ("shares", "15,116,786,000")),
            ("us-gaap:CommonStockParOrStatedValuePerShare", "I2024", ("eps", "0.00001")),
            ("us-gaap:StockRepurchaseProgramAuthorizedAmount1", "FY2024", ("usd", "110,000")),
            ("us-gaap:StockRepurchaseProgramRemainingAuthorizedRepurchaseAmount1", "I2024", ("usd", "84,310")),
            ("us-gaap:UnrecognizedTaxBenefits", "I2024", ("usd", "22,700")),
            ("us-gaap:IncomeTaxesPaidNet", "FY2024", ("usd", "26,100")),
            ("us-gaap:InterestPaidNet", "FY2024", ("usd", "3,800")),
            ("us-gaap:CommonStockDividendsPerShareDeclared", "FY2024", ("eps", "0.98")),
            ("us-gaap:EffectiveIncomeTaxRateContinuingOperations", "FY2024", ("pure", "0.182")),
            ("us-gaap:EffectiveIncomeTaxRateContinuingOperations", "FY2023", ("pure", "0.146")),
            ("us-gaap:ShareBasedCompensation", "FY2023", ("usd", "10,830")),
        ],
    },
    {
        "ticker": "MSFT", "cik": "0000789019", "company": "Microsoft Corporation",
        "accession": "0000789019-24-000087", "filed": "2024-07-30", "period": "2024-06-30",
        "items": MSFT_ITEMS, "prefix": "msft", "namespace": "http://www.microsoft.com/20240630",
        "periods": {"FY2024": ("2023-07-01", "2024-06-30"), "FY2023": ("2022-07-01", "2023-06-30"),
                    "FY2022": ("2021-07-01", "2022-06-30")},
        "instants": {"I2024": "2024-06-30", "I2023": "2023-06-30", "DSHARES": "2024-07-25",
                     "DFLOAT": "2023-12-31"},
        "members": {
            "PBP": ("us-gaap:StatementBusinessSegmentsAxis", "msft:ProductivityAndBusinessProcessesMember"),
            "IC": ("us-gaap:StatementBusinessSegmentsAxis", "msft:IntelligentCloudMember"),
            "MPC": ("us-gaap:StatementBusinessSegmentsAxis", "msft:MorePersonalComputingMember"),
            "Product": ("srt:ProductOrServiceAxis", "us-gaap:ProductMember"),
            "Service": ("srt:ProductOrServiceAxis", "us-gaap:ServiceOtherMember"),
            "Common": ("us-gaap:StatementClassOfStockAxis", "us-gaap:CommonStockMember"),
            "Notes2028": ("us-gaap:StatementClassOfStockAxis", "msft:A3.125NotesDue2028Member"),
            "Notes2033": ("us-gaap:StatementClassOfStockAxis", "msft:A2.625NotesDue2033Member"),
        },
        "cover": {
            "fy_end": "June 30, 2024", "fy_end_md": "--06-30", "file_no": "001-37845",
            "state": "Washington", "irs": "91-1144442", "street": "One Microsoft Way",
            "city": "Redmond", "addr_state": "Washington", "zip": "98052-6399",
            "area": "425", "phone": "882-8080",
            "securities": [("Common stock, $0.00000625 par value per share", "MSFT", "Nasdaq", "Common"),
                           ("3.125% Notes due 2028", "MSFT", "Nasdaq", "Notes2028"),
                           ("2.625% Notes due 2033", "MSFT", "Nasdaq", "Notes2033")],
            "float": "2,794,620,000,000", "float_date": "December 31, 2023",
            "shares": [("7,433,982,235", "", "shares of common stock were outstanding")],
            "shares_date": "July 25, 2024",
            "proxy": "Portions of the definitive Proxy Statement to be delivered to shareholders in "
                     "connection with the Annual Meeting of Shareholders to be held in December 2024 are "
                     "incorporated by reference into Part III.",
            "signature": "As required by Section 13 or 15(d) of the Securities Exchange Act of 1934, the "
                         "Registrant has caused this report to be signed on its behalf by its Executive Vice "
                         "President and Chief Financial Officer, thereunto duly authorized, in Redmond, "
                         "Washington.",
            "signed": "July 30, 2024",
        },
        "hidden": COMMON_DEI_HIDDEN + [
            ("dei:EntityCentralIndexKey", "FY2024", "0000789019"),
            ("dei:CurrentFiscalYearEndDate", "FY2024", "--06-30"),
            ("dei:AuditorName", "FY2024", "Deloitte & Touche LLP"),
            ("dei:AuditorLocation", "FY2024", "Seattle, Washington"),
            ("dei:AuditorFirmId", "FY2024", "34"),
            ("us-gaap:CommonStockSharesAuthorized", "I2024", ("shares", "24,000,000,000")),
            ("us-gaap:CommonStockSharesOutstanding", "I2024", ("shares", "7,434,000,000")),
            ("us-gaap:StockRepurchaseProgramAuthorizedAmount1", "FY2024", ("usd", "60,000")),
            ("us-gaap:StockRepurchaseProgramRemainingAuthorizedRepurchaseAmount1", "I2024", ("usd", "21,478")),
            ("us-gaap:CommonStockDividendsPerShareDeclared", "FY2024", ("eps", "3.00")),
            ("us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent", "I2024", ("usd", "830")),
            ("us-gaap:AllowanceForDoubtfulAccountsReceivableCurrent", "I2023", ("usd", "650")),
            ("us-gaap:UnrecognizedTaxBenefits", "I2024", ("usd", "22,300")),
            ("us-gaap:RevenueRemainingPerformanceObligation", "I2024", ("usd", "268,000")),
            ("us-gaap:BusinessCombinationConsiderationTransferred1", "FY2024", ("usd", "75,400")),
            ("us-gaap:EffectiveIncomeTaxRateContinuingOperations", "FY2024", ("pure", "0.18")),
            ("us-gaap:EffectiveIncomeTaxRateContinuingOperations", "FY2023", ("pure", "0.18")),
        ],
    },
    {
        "ticker": "GOOGL", "cik": "0001652044", "company": "Alphabet Inc.",
        "accession": "0001652044-25-000014", "filed": "2025-02-04", "period": "2024-12-31",
        "items": GOOGL_ITEMS, "prefix": "goog", "namespace": "http://www.abc.xyz/20241231",
        "periods": {"FY2024": ("2024-01-01", "2024-12-31"), "FY2023": ("2023-01-01", "2023-12-31"),
                    "FY2022": ("2022-01-01", "2022-12-31")},
        "instants": {"I2024": "2024-12-31", "I2023": "2023-12-31", "DSHARES": "2025-01-28",
                     "DFLOAT": "2024-06-28"},
        "members": {
            "GoogleServices": ("us-gaap:StatementBusinessSegmentsAxis", "goog:GoogleServicesMember"),
            "GoogleCloud": ("us-gaap:StatementBusinessSegmentsAxis", "goog:GoogleCloudMember"),
            "OtherBets": ("us-gaap:StatementBusinessSegmentsAxis", "us-gaap:AllOtherSegmentsMember"),
            "AlphabetLevel": ("us-gaap:ConsolidationItemsAxis", "us-gaap:CorporateNonSegmentMember"),
            "SearchOther": ("srt:ProductOrServiceAxis", "goog:GoogleSearchOtherMember"),
            "YouTubeAds": ("srt:ProductOrServiceAxis", "goog:YouTubeAdvertisingRevenueMember"),
            "Network": ("srt:ProductOrServiceAxis", "goog:GoogleNetworkMember"),
            "Advertising": ("srt:ProductOrServiceAxis", "goog:GoogleAdvertisingRevenueMember"),
            "Subscriptions": ("srt:ProductOrServiceAxis", "goog:GoogleSubscriptionsPlatformsAndDevicesMember"),
            "Hedging": ("srt:ProductOrServiceAxis", "us-gaap:CashFlowHedgingMember"),
            "ClassA": ("us-gaap:StatementClassOfStockAxis", "us-gaap:CommonClassAMember"),
            "ClassB": ("us-gaap:StatementClassOfStockAxis", "us-gaap:CommonClassBMember"),
            "ClassC": ("us-gaap:StatementClassOfStockAxis", "goog:CapitalClassCMember"),
        },
        "cover": {
            "fy_end": "December 31, 2024", "fy_end_md": "--12-31", "file_no": "001-37580",
            "state": "Delaware", "irs": "61-1767919", "street": "1600 Amphitheatre Parkway",
            "city": "Mountain View", "addr_state": "CA", "zip": "94043",
            "area": "650", "phone": "253-0000",
            "securities": [("Class A Common Stock, $0.001 par value", "GOOGL",
                            "Nasdaq Stock Market LLC (Nasdaq Global Select Market)", "ClassA"),
                           ("Class C Capital Stock, $0.001 par value", "GOOG",
                            "Nasdaq Stock Market LLC (Nasdaq Global Select Market)", "ClassC")],
            "float": "1,971,200,000,000", "float_date": "June 28, 2024",
            "shares": [("5,829,114,000", "ClassA", "shares of the registrant's Class A common stock"),
                       ("865,430,000", "ClassB", "shares of the registrant's Class B common stock"),
                       ("5,474,880,000", "ClassC", "shares of the registrant's Class C capital stock")],
            "shares_date": "January 28, 2025",
            "proxy": "Portions of the registrant's Proxy Statement for the 2025 Annual Meeting of "
                     "Stockholders are incorporated herein by reference in Part III of this Annual Report "
                     "on Form 10-K to the extent stated herein. The Proxy Statement will be filed within "
                     "120 days of the registrant's fiscal year ended December 31, 2024.",
            "signature": "Under the requirements of Section 13 or 15(d) of the Securities Exchange Act of "
                         "1934, the registrant has duly caused this Annual Report on Form 10-K to be signed "
                         "on its behalf by the undersigned officer in Mountain View, California.",
            "signed": "February 4, 2025",
        },
        "hidden": COMMON_DEI_HIDDEN + [
            ("dei:EntityCentralIndexKey", "FY2024", "0001652044"),
            ("dei:CurrentFiscalYearEndDate", "FY2024", "--12-31"),
            ("dei:AuditorName", "FY2024", "Ernst & Young LLP"),
            ("dei:AuditorLocation", "FY2024", "San Jose, California"),
            ("dei:AuditorFirmId", "FY2024", "42"),
            ("us-gaap:PreferredStockParOrStatedValuePerShare", "I2024", ("eps", "0.001")),
            ("us-gaap:PreferredStockSharesAuthorized", "I2024", ("shares", "100,000,000")),
            ("us-gaap:StockRepurchaseProgramAuthorizedAmount1", "FY2024", ("usd", "70,000")),
            ("us-gaap:StockRepurchaseProgramRemainingAuthorizedRepurchaseAmount1", "I2024", ("usd", "44,700")),
            ("us-gaap:PaymentsOfDividends", "FY2024", ("usd", "7,400")),
            ("us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", "FY2024", ("usd", "52,500")),
            ("us-gaap:PaymentsToAcquirePropertyPlantAndEquipment", "FY2023", ("usd", "32,300")),
            ("goog:TrafficAcquisitionCosts", "FY2024", ("usd", "54,700")),
            ("us-gaap:CommonStockDividendsPerShareDeclared", "FY2024", ("eps", "0.60")),
            ("us-gaap:EffectiveIncomeTaxRateContinuingOperations", "FY2024", ("pure", "0.166")),
            ("us-gaap:EffectiveIncomeTaxRateContinuingOperations", "FY2023", ("pure", "0.141")),
        ],
    },
]

# Short preambles that come before PART I (kept outside every Item).
PREAMBLES = {
    "AAPL": [
        H("Forward-Looking Statements"),
        """Statements in this Form 10-K that are not historical facts, including statements about
        future net sales, gross margins, capital returns, product plans and the effect of pending
        regulation, are forward-looking statements within the meaning of the Private Securities
        Litigation Reform Act of 1995. Words such as "expects," "plans," "believes" and "will," and
        similar expressions, help identify them. They reflect management's current views and are
        subject to risks and uncertainties that could cause actual results to differ materially, the
        most significant of which are described in Part I, Item 1A of this Form 10-K under the
        heading "Risk Factors." Unless otherwise stated, references to particular years, quarters,
        months and periods refer to the Company's fiscal years ended in September and the associated
        quarters, months and periods of those fiscal years.""",
    ],
    "GOOGL": [
        H("NOTE ABOUT FORWARD-LOOKING STATEMENTS"),
        """This report includes forward-looking statements about, among other things, the growth of
        our businesses, our investments in AI and technical infrastructure, the outcome of legal and
        regulatory proceedings, and our plans for capital returns. Such statements can often be
        identified by words such as "may," "could," "intend," "anticipate" and "continue," and they
        rest on assumptions that may prove wrong. Readers should weigh the risks described in Item 1A
        before relying on them, and we do not intend to update them except as the law requires.
        Throughout this report, "Alphabet," "the company," "we," "us" and "our" refer to Alphabet Inc.
        and its subsidiaries.""",
    ],
}

# ==========================================================================
# Inline XBRL (.htm) layout, shared by the three modern filings.
# ==========================================================================

# House styles: fonts, spacing, entity encoding and how often pages break.
STYLES = {
    "AAPL": {"font": "'Helvetica',sans-serif", "size": "9pt", "small": "8pt", "margin": "9pt",
             "smart_quotes": True, "ascii": True, "page_chars": 3300, "shade": "#cceeff",
             "part_align": "center", "risk_italic": False},
    "MSFT": {"font": "'Segoe UI',sans-serif", "size": "10pt", "small": "8pt", "margin": "10pt",
             "smart_quotes": True, "ascii": False, "page_chars": 3600, "shade": None,
             "part_align": "left", "risk_italic": True},
    "GOOGL": {"font": "'Arial',sans-serif", "size": "10pt", "small": "8pt", "margin": "8pt",
              "smart_quotes": False, "ascii": True, "page_chars": 3500, "shade": "#efefef",
              "part_align": "center", "risk_italic": False},
}

NAMESPACES = (
    'xmlns="http://www.w3.org/1999/xhtml" '
    'xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
    'xmlns:xbrli="http://www.xbrl.org/2003/instance" '
    'xmlns:us-gaap="http://fasb.org/us-gaap/2024" '
    'xmlns:dei="http://xbrl.sec.gov/dei/2024" '
    'xmlns:iso4217="http://www.xbrl.org/2003/iso4217" '
    'xmlns:link="http://www.xbrl.org/2003/linkbase" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" '
    'xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31" '
    'xmlns:xbrldi="http://xbrl.org/2006/xbrldi" '
    'xmlns:srt="http://fasb.org/srt/2024"'
)

CSS = """
body { margin: 0 auto; max-width: 8.5in; }
table { border-collapse: collapse; }
a { color: #0000ff; text-decoration: none; }
td { padding: 0; }
"""

UNITS = (
    '<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>'
    '<xbrli:unit id="shares"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>'
    '<xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD'
    '</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares'
    '</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>'
    '<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>'
)

TAG_RE = re.compile(r"\[\[([^|\]]+)\|([^|\]]+)\|([^\]]+)\]\]")
CELL_RE = re.compile(r"^(?P<dollar>\$)?(?P<open>\()?(?P<num>\d[\d,]*(?:\.\d+)?|—)(?P<close>\))?\s*(?P<pct>%)?$")
PAGE_BREAK_DIV = '<div style="page-break-after:always"></div>'
CHECKED, UNCHECKED = "\u2612", "\u2610"


def squash(text):
    return " ".join(text.split())


class IxbrlFiling:
    """Renders one modern 10-K as an inline XBRL document."""

    def __init__(self, filing):
        self.f = filing
        self.key = filing["ticker"]
        self.st = STYLES[self.key]
        self.out = []
        self.page = 1
        self.chars = 0
        self.part = ""
        self.item_label = ""
        self.item_key = ""
        self.need_header = False
        self.no_break = False
        self.item_pages = {}
        self.contexts = {}
        self.nfacts = 0

    # ---- text and facts ------------------------------------------------
    def plain(self, text):
        text = html.escape(text, quote=False)
        if self.st["smart_quotes"]:
            text = re.sub(r'(^|[\s(\[—/])"', "\\1\u201c", text)
            text = text.replace('"', "\u201d").replace("'", "\u2019")
        return text

    def inline(self, text):
        text = squash(text)
        parts, pos = [], 0
        for m in TAG_RE.finditer(text):
            parts.append(self.plain(text[pos:m.start()]))
            parts.append(self.fact(m.group(1), m.group(2), m.group(3)))
            pos = m.end()
        parts.append(self.plain(text[pos:]))
        return "".join(parts)

    def next_id(self):
        self.nfacts += 1
        return f"f-{self.nfacts}"

    def ctx(self, cid):
        self.contexts.setdefault(cid, None)
        return cid

    def fact(self, concept, cid, shown, negative=False):
        name = concept_name(concept)
        if "PerShare" in name:
            unit, decimals, scale = "usdPerShare", "2", "0"
        elif "Shares" in name and "NumberOf" in name:
            unit, decimals, scale = "shares", "-6", "6"
        else:
            unit, decimals, scale = "usd", "-6", "6"
        fmt = "ixt:fixed-zero" if shown == "—" else "ixt:num-dot-decimal"
        sign = ' sign="-"' if negative else ""
        return (f'<ix:nonFraction unitRef="{unit}" contextRef="{self.ctx(cid)}" decimals="{decimals}" '
                f'name="{name}" format="{fmt}" scale="{scale}" id="{self.next_id()}"{sign}>{shown}'
                f'</ix:nonFraction>')

    def non_numeric(self, name, text, fmt=None, cid="FY2024"):
        fmt_attr = f' format="{fmt}"' if fmt else ""
        return (f'<ix:nonNumeric name="{name}" contextRef="{self.ctx(cid)}" id="{self.next_id()}"'
                f'{fmt_attr}>{text}</ix:nonNumeric>')

    def span(self, inner, bold=False, italic=False, size=None):
        style = (f"color:#000000;font-family:{self.st['font']};font-size:{size or self.st['size']};"
                 f"font-weight:{700 if bold else 400};line-height:120%")
        if italic:
            style += ";font-style:italic"
        return f'<span style="{style}">{inner}</span>'

    def div(self, inner, align="left", margin="0pt", extra=""):
        return f'<div style="margin-top:{margin};text-align:{align}{extra}">{inner}</div>'

    # ---- pagination ----------------------------------------------------
    def footer_html(self):
        n = self.page
        if self.key == "AAPL":
            return self.div(self.span(f"Apple Inc. | 2024 Form 10-K | {n}", size="8pt"), "center", "18pt")
        if self.key == "MSFT":
            return f'<div style="text-align:center">{n}</div>'
        return (self.div(self.span("Alphabet Inc.", size="8pt"), "center", "18pt")
                + self.div(self.span(str(n), size="8pt"), "center"))

    def page_break(self):
        self.out.append(self.footer_html())
        self.out.append(PAGE_BREAK_DIV)
        self.page += 1
        self.chars = 0
        self.need_header = True

    def force_break(self):
        if self.chars > 0:
            self.page_break()

    def add(self, markup, chars, keep_with_next=False):
        if self.need_header:
            self.need_header = False
            if self.key == "MSFT" and self.part:
                label = self.part + (" " + self.item_label if self.item_label else "")
                self.out.append(self.div(self.span(label, size="8pt"), "right", extra=";margin-bottom:9pt"))
            if self.key == "GOOGL" and self.item_key:
                # Alphabet's sample prints the current Item's heading atop every page, as some filers do.
                self.out.append(self.div(self.item_heading_inner(self.item_key), "left", extra=";margin-bottom:9pt"))
        self.out.append(markup)
        self.chars += chars
        if not keep_with_next and not self.no_break and self.chars >= self.st["page_chars"]:
            self.page_break()

    # ---- headings ------------------------------------------------------
    def part_heading(self, roman):
        if roman != "I":
            self.force_break()
        self.part, self.item_label, self.item_key = f"PART {roman}", "", ""
        size = "12pt" if self.key == "MSFT" else None
        markup = (f'<div id="p{roman.lower()}" style="margin-top:12pt;text-align:{self.st["part_align"]}">'
                  f'{self.span(self.part, bold=True, size=size)}</div>')
        self.add(markup, 40, keep_with_next=True)

    def item_heading_inner(self, key):
        title = ITEM_TITLES[key]
        if self.key == "AAPL":
            return self.span(f"Item {key}." + "&#160;" * 4 + self.plain(title), bold=True)
        if self.key == "MSFT":
            if key == "1-2":
                return self.span("ITEMS 1 AND 2. BUSINESS AND PROPERTIES", bold=True)
            return self.span(f"ITEM {key}. " + self.plain(title.upper()), bold=True)
        if key == "1":      # Alphabet: number and title in adjacent spans, no space
            return self.span("Item 1.", bold=True) + self.span("Business", bold=True)
        if key in ("1A", "7", "7A", "9A"):
            return self.span(f"Item {key}:&#160;" + self.plain(title), bold=True)
        return self.span(f"Item {key}.&#160;" + self.plain(title), bold=True)

    def item_heading(self, key):
        number = key.split("-")[0]
        self.item_label = f"Item {number}"
        self.item_key = key
        self.item_pages[key] = self.page
        markup = f'<div id="i{number.lower()}" style="margin-top:14pt">{self.item_heading_inner(key)}</div>'
        self.add(markup, 60, keep_with_next=True)

    # ---- blocks ----------------------------------------------------------
    def render_blocks(self, blocks):
        for block in blocks:
            if isinstance(block, str):
                self.add(self.div(self.span(self.inline(block)), "justify", self.st["margin"]), len(squash(block)))
                continue
            kind = block[0]
            if kind == "h":
                self.add(self.div(self.span(self.plain(block[1]), bold=True), "left", "12pt"), 50,
                         keep_with_next=True)
            elif kind == "risk":
                self.add(self.div(self.span(self.plain(block[1]), bold=True, italic=self.st["risk_italic"]),
                                  "justify", "10pt"), len(block[1]), keep_with_next=True)
            elif kind == "ul":
                for item in block[1]:
                    bullet = "\u2022" + "&#160;" * 3 + self.inline(item)
                    self.add(self.div(self.span(bullet), "justify", "6pt",
                                      ";padding-left:22.5pt;text-indent:-13.5pt"), len(item))
            elif kind == "table":
                spec = block[1]
                self.add(self.table_html(spec), 70 * (len(spec["rows"]) + 3))
            elif kind == "grid":
                spec = block[1]
                self.add(self.grid_html(spec), 80 * (len(spec["rows"]) + 1))
            elif kind == "officers":
                self.add(self.officers_html(block[1]), sum(len(squash(r[3])) + 60 for r in block[1]))
            elif kind == "ptable":
                spec = block[1]
                self.add(self.prose_table_html(spec), sum(len(" ".join(r)) for r in spec["rows"]))
            elif kind == "textblock":
                opening = (f'<ix:nonNumeric name="{block[1]}" contextRef="{self.ctx("FY2024")}" '
                           f'escape="true" id="{self.next_id()}">')
                self.add(opening, 0, keep_with_next=True)
                self.no_break = True
                self.render_blocks(block[2])
                self.no_break = False
                self.add("</ix:nonNumeric>", 0)
            elif kind == "break":
                self.force_break()
            else:
                raise ValueError(f"unknown block {kind!r}")

    def table_html(self, spec):
        cols = spec["columns"]
        n = len(cols)
        pad = "padding:2px 1pt;vertical-align:bottom"
        out = []
        if spec["caption"]:
            out.append(self.div(self.span(self.plain(spec["caption"]), bold=True), "center", "12pt"))
        if spec["note"]:
            out.append(self.div(self.span(self.plain(spec["note"]), size=self.st["small"]), "center"))
        out.append('<table style="border-collapse:collapse;display:inline-table;margin-bottom:5pt;'
                   'margin-top:6pt;vertical-align:text-bottom;width:100.000%">')
        widths = f'<td style="width:{100 - 13 * n}.0%"></td>' + "".join(
            '<td style="width:0.1%"></td><td style="width:1.0%"></td>'
            '<td style="width:10.8%"></td><td style="width:1.1%"></td>' for _ in cols)
        out.append(f"<tr>{widths}</tr>")
        first = self.span(self.plain(spec["first_col"]), bold=True) if spec["first_col"] else ""
        head = f'<td style="{pad};text-align:left">{first}</td>'
        for col in cols:
            head += (f'<td style="{pad}"></td><td colspan="3" style="{pad};border-bottom:1pt solid #000000;'
                     f'text-align:center">{self.span(self.plain(col), bold=True, size=self.st["small"])}</td>')
        out.append(f"<tr>{head}</tr>")
        for i, row_spec in enumerate(spec["rows"]):
            bg = f"background-color:{self.st['shade']};" if self.st["shade"] and i % 2 == 0 else ""
            out.append(self.table_row(row_spec, spec["col_ctx"], bg, n))
        out.append("</table>")
        return "".join(out)

    def table_row(self, r, col_ctx, bg, n):
        kind = r["kind"]
        indent = "padding-left:10pt;" if kind == "indent" else "padding-left:1pt;"
        label = self.span(self.plain(r["label"]), bold=(kind == "section"))
        cells = [f'<td style="{bg}padding-top:2px;padding-bottom:2px;{indent}text-align:left;'
                 f'vertical-align:bottom">{label}</td>']
        if kind == "section":
            cells.append(f'<td colspan="{4 * n}" style="{bg}padding:2px 1pt"></td>')
            return "<tr>" + "".join(cells) + "</tr>"
        border = ""
        if kind == "total":
            border = "border-top:1pt solid #000000;"
        elif kind == "grand":
            border = "border-top:1pt solid #000000;border-bottom:3pt double #000000;"
        concept, member = r["concept"], None
        if concept and "@" in concept:
            concept, member = concept.split("@")
        for j, value in enumerate(r["cells"]):
            cid = col_ctx[j] if j < len(col_ctx) else None
            if cid and member:
                cid = f"{cid}_{member}"
            cells.append(f'<td style="{bg}padding:2px 1pt"></td>')
            cells.append(self.value_cells(value, concept, cid, bg + border))
        return "<tr>" + "".join(cells) + "</tr>"

    def value_cells(self, value, concept, cid, style):
        base = f"{style}padding:2px 1pt;vertical-align:bottom"
        m = CELL_RE.match(value)
        if not m:
            inner = self.span(self.plain(value)) if value else ""
            return f'<td colspan="3" style="{base};text-align:right">{inner}</td>'
        shown = m["num"]
        if concept and cid and not m["pct"]:
            shown = self.fact(concept, cid, shown, negative=bool(m["open"]))
        left = "$" if m["dollar"] else ""
        right = (")" if m["close"] else "") + ("%" if m["pct"] else "")
        middle = ("(" if m["open"] else "") + shown
        return (f'<td style="{base};text-align:left">{self.span(left) if left else ""}</td>'
                f'<td style="{base};text-align:right">{self.span(middle)}</td>'
                f'<td style="{base};text-align:left">{self.span(right) if right else ""}</td>')

    def grid_html(self, spec, cells_html=None):
        pad = "padding:3px 4pt;vertical-align:top"
        out = ['<table style="border-collapse:collapse;margin-top:6pt;width:100.000%">']
        head = "".join(f'<td style="{pad};border-bottom:1pt solid #000000;vertical-align:bottom">'
                       f'{self.span(self.plain(h), bold=True, size=self.st["small"])}</td>' for h in spec["header"])
        out.append(f"<tr>{head}</tr>")
        rows = cells_html or [[self.inline(c) for c in r] for r in spec["rows"]]
        for r in rows:
            out.append("<tr>" + "".join(f'<td style="{pad}">{self.span(c) if c else ""}</td>' for c in r) + "</tr>")
        out.append("</table>")
        return "".join(out)

    def officers_html(self, rows):
        """Name | Age | Position, the biography in the position cell below the title."""
        pad = "padding:2px 1pt;vertical-align:top"
        out = ['<table style="border-collapse:collapse;margin-top:6pt;width:100.000%">',
               "<tr>" + "".join(f'<td style="{pad}">{self.span(h, bold=True)}</td>'
                                for h in ("Name", "Age", "Position")) + "</tr>"]
        for name, age, title, bio in rows:
            out.append(f'<tr><td style="{pad};width:22%">{self.span(self.plain(name))}</td>'
                       f'<td style="{pad};width:6%;text-align:center">{self.span(age)}</td>'
                       f'<td style="{pad}"><div>{self.span(self.plain(title), italic=True)}</div>'
                       f'<div style="margin-top:3pt;text-align:justify">{self.span(self.inline(bio))}</div></td></tr>')
        out.append("</table>")
        return "".join(out)

    def prose_table_html(self, spec):
        pad = "padding:4pt 6pt;vertical-align:top;border-bottom:0.5pt solid #7f7f7f"
        left_head, right_head = spec["header"]
        out = ['<table style="border-collapse:collapse;margin-top:10pt;width:100.000%">',
               f'<tr><td style="width:27%;{pad};border-bottom:1pt solid #000000">'
               f'{self.span(self.plain(left_head), bold=True)}</td>'
               f'<td style="width:73%;{pad};border-bottom:1pt solid #000000">'
               f'{self.span(self.plain(right_head), bold=True)}</td></tr>']
        for left, right in spec["rows"]:
            out.append(f'<tr><td style="{pad}"><div>{self.span(self.plain(left), bold=True)}</div></td>'
                       f'<td style="{pad}"><div style="text-align:justify">{self.span(self.inline(right))}'
                       f'</div></td></tr>')
        out.append("</table>")
        return "".join(out)

    # ---- cover page and table of contents --------------------------------
    def cover_html(self):
        f, c = self.f, self.f["cover"]
        nn = self.non_numeric
        bold = lambda s, size=None: self.span(s, bold=True, size=size)
        reg = lambda s: self.span(s)
        small = lambda s: self.span(s, size=self.st["small"])
        state_fmt = "ixt-sec:stateprovnameen" if len(c["addr_state"]) > 2 else None
        out = [
            self.div(bold("UNITED STATES", "12pt"), "center"),
            self.div(bold("SECURITIES AND EXCHANGE COMMISSION", "12pt"), "center"),
            self.div(reg("Washington, D.C. 20549"), "center"),
            self.div(bold("FORM " + nn("dei:DocumentType", "10-K"), "14pt"), "center", "12pt"),
            self.div(reg("(Mark One)"), "left", "9pt"),
            self.div(bold(nn("dei:DocumentAnnualReport", CHECKED, "ixt:fixed-true")
                          + "&#160;&#160;ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES "
                            "EXCHANGE ACT OF 1934"), "left", "6pt"),
            self.div(bold("For the fiscal year ended " + nn("dei:DocumentPeriodEndDate", c["fy_end"],
                                                            "ixt:date-monthname-day-year-en")), "center", "6pt"),
            self.div(reg("or"), "center", "6pt"),
            self.div(bold(nn("dei:DocumentTransitionReport", UNCHECKED, "ixt:fixed-false")
                          + "&#160;&#160;TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES "
                            "EXCHANGE ACT OF 1934"), "left", "6pt"),
            self.div(reg("For the transition period from ______ to ______."), "center", "6pt"),
            self.div(reg("Commission File Number: " + nn("dei:EntityFileNumber", c["file_no"])), "center", "9pt"),
            self.div(bold(nn("dei:EntityRegistrantName", self.plain(f["company"])), "16pt"), "center", "12pt"),
            self.div(small(self.plain("(Exact name of Registrant as specified in its charter)")), "center"),
            '<table style="border-collapse:collapse;margin-top:9pt;width:100.000%"><tr>'
            f'<td style="width:50%;text-align:center">'
            f'{bold(nn("dei:EntityIncorporationStateCountryCode", c["state"], "ixt-sec:stateprovnameen"))}</td>'
            f'<td style="width:50%;text-align:center">{bold(nn("dei:EntityTaxIdentificationNumber", c["irs"]))}'
            '</td></tr><tr>'
            f'<td style="text-align:center">{small("(State or other jurisdiction of incorporation or organization)")}</td>'
            f'<td style="text-align:center">{small("(I.R.S. Employer Identification No.)")}</td></tr></table>',
            self.div(bold(nn("dei:EntityAddressAddressLine1", c["street"]) + ", "
                          + nn("dei:EntityAddressCityOrTown", c["city"]) + ", "
                          + nn("dei:EntityAddressStateOrProvince", c["addr_state"], state_fmt) + " "
                          + nn("dei:EntityAddressPostalZipCode", c["zip"])), "center", "9pt"),
            self.div(small("(Address of principal executive offices) (Zip Code)"), "center"),
            self.div(bold("(" + nn("dei:CityAreaCode", c["area"]) + ") " + nn("dei:LocalPhoneNumber", c["phone"])),
                     "center", "9pt"),
            self.div(small(self.plain("(Registrant's telephone number, including area code)")), "center"),
            self.div(reg("Securities registered pursuant to Section 12(b) of the Act:"), "left", "9pt"),
        ]
        sec_rows = []
        for title, symbol, exchange, member in c["securities"]:
            cid = f"FY2024_{member}"
            sec_rows.append([
                nn("dei:Security12bTitle", self.plain(title), cid=cid),
                nn("dei:TradingSymbol", symbol, cid=cid) if symbol != "—" else "—",
                nn("dei:SecurityExchangeName", self.plain(exchange), "ixt-sec:exchnameen", cid=cid),
            ])
        out.append(self.grid_html({"header": ["Title of each class", "Trading symbol(s)",
                                              "Name of each exchange on which registered"]}, sec_rows))
        out.append(self.div(reg("Securities registered pursuant to Section 12(g) of the Act: None"), "left", "6pt"))
        questions = [
            ("Indicate by check mark whether the Registrant is a well-known seasoned issuer as defined in "
             "Rule 405 under the Securities Act.", True),
            ("Indicate by check mark whether the Registrant is not required to file reports under Section 13 "
             "or Section 15(d) of the Act.", False),
            ("Indicate by check mark whether the Registrant (1) has filed every report required by Section 13 "
             "or 15(d) of the Securities Exchange Act of 1934 during the preceding 12 months and (2) has been "
             "subject to those filing requirements for the past 90 days.", True),
            ("Indicate by check mark whether the Registrant has submitted electronically every Interactive "
             "Data File required under Rule 405 of Regulation S-T during the preceding 12 months.", True),
        ]
        for text, yes in questions:
            answer = f"Yes {CHECKED if yes else UNCHECKED}&#160;&#160;&#160;&#160;No {UNCHECKED if yes else CHECKED}"
            out.append(self.div(reg(self.plain(text) + "&#160;&#160;" + answer), "justify", "6pt"))
        out.append(self.div(reg(self.plain(
            "Indicate by check mark whether the Registrant is a large accelerated filer, an accelerated filer, a "
            "non-accelerated filer, a smaller reporting company or an emerging growth company, as those terms "
            "are defined in Rule 12b-2 of the Exchange Act.")), "justify", "6pt"))
        filer = [("Large accelerated filer", CHECKED), ("Accelerated filer", UNCHECKED),
                 ("Non-accelerated filer", UNCHECKED), ("Smaller reporting company", UNCHECKED),
                 ("Emerging growth company", UNCHECKED)]
        out.append('<table style="border-collapse:collapse;margin-top:6pt;width:100.000%"><tr>'
                   + "".join(f'<td style="width:20%">{reg(label + " " + box)}</td>' for label, box in filer)
                   + "</tr></table>")
        out.append(self.div(reg(self.plain(
            "Indicate by check mark whether the Registrant has filed a report on and attestation to its "
            "management's assessment of the effectiveness of its internal control over financial reporting "
            "under Section 404(b) of the Sarbanes-Oxley Act by the registered public accounting firm that "
            "prepared or issued its audit report.") + " " + CHECKED), "justify", "6pt"))
        out.append(self.div(reg(self.plain(
            "Indicate by check mark whether the Registrant is a shell company as defined in Rule 12b-2 of the Act.")
            + f"&#160;&#160;Yes {UNCHECKED}&#160;&#160;&#160;&#160;No {CHECKED}"), "justify", "6pt"))
        public_float = (f'<ix:nonFraction unitRef="usd" contextRef="{self.ctx("DFLOAT")}" decimals="-6" '
                        f'name="dei:EntityPublicFloat" format="ixt:num-dot-decimal" scale="0" '
                        f'id="{self.next_id()}">{c["float"]}</ix:nonFraction>')
        out.append(self.div(reg(self.plain(
            "The aggregate market value of the voting and non-voting stock held by non-affiliates of the "
            f"Registrant, as of {c['float_date']}, the last business day of the Registrant's most recently "
            "completed second fiscal quarter, was approximately $") + public_float + "."), "justify", "6pt"))
        share_parts = []
        for count, member, what in c["shares"]:
            cid = "DSHARES" + (f"_{member}" if member else "")
            tag = (f'<ix:nonFraction unitRef="shares" contextRef="{self.ctx(cid)}" decimals="INF" '
                   f'name="dei:EntityCommonStockSharesOutstanding" format="ixt:num-dot-decimal" scale="0" '
                   f'id="{self.next_id()}">{count}</ix:nonFraction>')
            share_parts.append(tag + " " + self.plain(what))
        out.append(self.div(reg("As of " + c["shares_date"] + ", there were " + "; ".join(share_parts) + "."),
                            "justify", "6pt"))
        out.append(self.div(bold("DOCUMENTS INCORPORATED BY REFERENCE"), "center", "12pt"))
        out.append(self.div(reg(self.plain(c["proxy"])), "justify", "6pt"))
        return "\n".join(out)

    def toc_html(self):
        heads = {
            "AAPL": ["Apple Inc.", "Form 10-K", f"For the Fiscal Year Ended {self.f['cover']['fy_end']}",
                     "TABLE OF CONTENTS"],
            "MSFT": ["TABLE OF CONTENTS"],
            "GOOGL": ["Alphabet Inc.", "TABLE OF CONTENTS"],
        }[self.key]
        out = [self.div(self.span(self.plain(h), bold=True), "center", "6pt") for h in heads]
        out.append('<table style="border-collapse:collapse;margin-top:12pt;width:100.000%">')
        out.append(f'<tr><td style="width:14%"></td><td style="width:78%"></td>'
                   f'<td style="width:8%;text-align:right">{self.span("Page", bold=True)}</td></tr>')
        for entry in self.f["items"]:
            if entry[0] == "part":
                roman = entry[1]
                link = f'<a href="#p{roman.lower()}">Part {roman}</a>'
                out.append(f'<tr><td colspan="2" style="padding-top:9pt;text-align:center">'
                           f'{self.span(link, bold=True)}</td><td></td></tr>')
                continue
            key = entry[1]
            number = key.split("-")[0]
            if key == "1-2":
                label = "Items 1 and 2"
            elif self.key == "MSFT":
                label = f"Item {key}"
            else:
                label = f"Item {key}."
            anchor = f"#i{number.lower()}"
            out.append(f'<tr><td style="padding:2px 0">{self.span(f"<a href={chr(34)}{anchor}{chr(34)}>{label}</a>")}</td>'
                       f'<td style="padding:2px 0">{self.span(f"<a href={chr(34)}{anchor}{chr(34)}>{self.plain(ITEM_TITLES[key])}</a>")}</td>'
                       f'<td style="padding:2px 0;text-align:right">{self.span(str(self.item_pages[key]))}</td></tr>')
        out.append("</table>")
        return "\n".join(out)

    # ---- XBRL header -----------------------------------------------------
    def hidden_facts(self):
        out = []
        for name, cid, value in self.f["hidden"]:
            if isinstance(value, str):
                out.append(self.non_numeric(name, html.escape(value, quote=False), cid=cid))
                continue
            kind, shown = value
            unit, decimals, scale = {
                "usd": ("usd", "-6", "6"), "shares": ("shares", "INF", "0"), "pure": ("pure", "3", "0"),
                "eps": ("usdPerShare", str(len(shown.split(".")[1])) if "." in shown else "0", "0"),
            }[kind]
            out.append(f'<ix:nonFraction unitRef="{unit}" contextRef="{self.ctx(cid)}" decimals="{decimals}" '
                       f'name="{name}" format="ixt:num-dot-decimal" scale="{scale}" id="{self.next_id()}">'
                       f'{shown}</ix:nonFraction>')
        return "".join(out)

    def context_xml(self, cid):
        base, _, member = cid.partition("_")
        if base in self.f["periods"]:
            start, end = self.f["periods"][base]
            period = f"<xbrli:startDate>{start}</xbrli:startDate><xbrli:endDate>{end}</xbrli:endDate>"
        else:
            period = f"<xbrli:instant>{self.f['instants'][base]}</xbrli:instant>"
        segment = ""
        if member:
            axis, value = self.f["members"][member]
            segment = (f'<xbrli:segment><xbrldi:explicitMember dimension="{axis}">{value}'
                       f'</xbrldi:explicitMember></xbrli:segment>')
        return (f'<xbrli:context id="{cid}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">'
                f'{self.f["cik"]}</xbrli:identifier>{segment}</xbrli:entity><xbrli:period>{period}'
                f'</xbrli:period></xbrli:context>')

    def xbrl_header(self):
        hidden = self.hidden_facts()
        stamp = self.f["period"].replace("-", "")
        refs = (f'<ix:references xml:lang="en-US"><link:schemaRef xlink:type="simple" '
                f'xlink:href="{self.f["prefix"]}-{stamp}.xsd"></link:schemaRef></ix:references>')
        contexts = "\n".join(self.context_xml(cid) for cid in self.contexts)
        return (f'<div style="display:none"><ix:header><ix:hidden>\n{hidden}\n</ix:hidden>\n{refs}\n'
                f'<ix:resources>\n{contexts}\n{UNITS}\n</ix:resources></ix:header></div>')

    # ---- whole document --------------------------------------------------
    def render(self):
        self.render_blocks(PREAMBLES.get(self.key, []))
        for entry in self.f["items"]:
            if entry[0] == "part":
                self.part_heading(entry[1])
            else:
                self.item_heading(entry[1])
                self.render_blocks(entry[2])
        self.force_break()
        self.add(self.div(self.span("SIGNATURES", bold=True), "center", "12pt"), 10, keep_with_next=True)
        self.add(self.div(self.span(self.plain(self.f["cover"]["signature"])), "justify", self.st["margin"]), 200)
        self.add(self.div(self.span(self.plain(self.f["cover"]["signed"])), "left", self.st["margin"]), 20)
        self.out.append(self.footer_html())
        body = "\n".join(self.out)
        cover = self.cover_html()
        toc = self.toc_html()
        header = self.xbrl_header()
        stamp = self.f["period"].replace("-", "")
        document = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<html {NAMESPACES} xmlns:{self.f["prefix"]}="{self.f["namespace"]}" xml:lang="en-US">\n'
            '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>\n'
            f'<title>{self.f["prefix"]}-{stamp}</title>\n<style type="text/css">{CSS}</style>\n</head>\n'
            f'<body>\n{header}\n{cover}\n{PAGE_BREAK_DIV}\n{toc}\n{PAGE_BREAK_DIV}\n{body}\n</body>\n</html>\n'
        )
        if self.st["ascii"]:
            return document.encode("ascii", "xmlcharrefreplace")
        return document.encode("utf-8")


# ==========================================================================
# Plain-text full submission (.txt) layout for the 1998 filing.
# ==========================================================================

SMALL_WORDS = {"AND": "and", "OF": "of", "IN": "in", "ON": "on", "TO": "to", "A": "a", "FOR": "for",
               "WITH": "with", "THE": "the"}


def toc_case(title):
    words = []
    for i, word in enumerate(title.split()):
        if any(ch.isdigit() for ch in word):
            words.append(word)
        elif i and word in SMALL_WORDS:
            words.append(SMALL_WORDS[word])
        else:
            words.append(word[0] + word[1:].lower())
    return " ".join(words)


def sgml_table(spec):
    label_w, col_w = 44, 11
    width = label_w + col_w * len(spec["columns"])
    lines = ["<TABLE>", "<CAPTION>"]
    lines += [cap.center(width).rstrip() for cap in spec["caption"]]
    lines.append("")
    lines.append(spec["column_head"].ljust(label_w) + "".join(c.rjust(col_w) for c in spec["columns"]))
    lines.append("- " + "-" * (width - 2))
    lines.append("<S>".ljust(label_w) + "".join(("  <C>").ljust(col_w) for _ in spec["columns"]).rstrip())
    for label, values in spec["rows"]:
        if label in ("-", "="):
            lines.append(" " * label_w + "".join((label * 7).rjust(col_w) for _ in spec["columns"]))
        elif values is None:
            lines.append(label)
        else:
            dotted = (label + " " + "." * label_w)[:label_w - 1] + " "
            lines.append((dotted + "".join(v.rjust(col_w) for v in values)).rstrip())
    lines.append("</TABLE>")
    return lines


class TextFiling:
    """Renders the 1998 10-K as hard-wrapped text with <PAGE> breaks."""

    WIDTH = 72
    PAGE_LINES = 50

    def __init__(self):
        self.lines = []
        self.page = 1
        self.count = 0
        self.item_pages = {}

    def emit(self, line=""):
        if self.count == 0 and not line.strip():
            return
        self.lines.append(line.rstrip())
        self.count += 1
        if self.count >= self.PAGE_LINES:
            self.end_page()

    def end_page(self):
        if self.count == 0:
            return
        self.lines += ["", str(self.page).center(self.WIDTH).rstrip(), "<PAGE>"]
        self.page += 1
        self.count = 0

    def ensure(self, n):
        if self.count + n > self.PAGE_LINES:
            self.end_page()

    def para(self, text):
        for line in textwrap.wrap(squash(text), self.WIDTH, initial_indent="     "):
            self.emit(line)
        self.emit()

    def render_body(self, items):
        for entry in items:
            if entry[0] == "part":
                if entry[1] != "I":
                    self.end_page()
                self.ensure(6)
                self.emit(f"PART {entry[1]}".center(self.WIDTH))
                self.emit()
                continue
            key, blocks = entry[1], entry[2]
            heading = textwrap.wrap(f"ITEM {key}.  {MSFT1998_TITLES[key]}", self.WIDTH,
                                    subsequent_indent=" " * (len(key) + 8))
            self.ensure(len(heading) + 4)
            self.item_pages[key] = self.page
            for line in heading:
                self.emit(line)
            self.emit()
            for block in blocks:
                if isinstance(block, str):
                    self.para(block)
                elif block[0] == "h":
                    self.ensure(4)
                    self.emit(block[1])
                    self.emit()
                elif block[0] == "pre":
                    table = sgml_table(block[1])
                    self.ensure(len(table) + 1)
                    for line in table:
                        self.emit(line)
                    self.emit()
        self.end_page()
        self.ensure(12)
        self.emit("SIGNATURES".center(self.WIDTH))
        self.emit()
        self.para("As required by Section 13 or 15(d) of the Securities Exchange Act of 1934, the "
                  "registrant has caused this report to be signed on its behalf by the undersigned, "
                  "thereunto duly authorized, in the City of Redmond, State of Washington, on September 25, 1998.")
        self.emit(" " * 36 + "MICROSOFT CORPORATION")
        self.emit()
        self.emit(" " * 36 + "By: /s/ Chief Financial Officer")
        self.lines += ["", str(self.page).center(self.WIDTH).rstrip()]


def msft1998_front(item_pages):
    """Cover page and table of contents (unnumbered pages)."""
    w = TextFiling.WIDTH
    c = lambda s: s.center(w).rstrip()
    wrap = lambda s: textwrap.wrap(squash(s), w, initial_indent="     ")
    lines = [c("UNITED STATES"), c("SECURITIES AND EXCHANGE COMMISSION"), c("WASHINGTON, D.C. 20549"), "",
             c("FORM 10-K"), "", "(MARK ONE)", "",
             "[X]  ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES",
             "     EXCHANGE ACT OF 1934", "", c("FOR THE FISCAL YEAR ENDED JUNE 30, 1998"), "", c("OR"), "",
             "[ ]  TRANSITION REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES",
             "     EXCHANGE ACT OF 1934", "", c("FOR THE TRANSITION PERIOD FROM ______ TO ______"), "",
             c("COMMISSION FILE NUMBER 0-14278"), "", c("MICROSOFT CORPORATION"),
             c("(Exact name of registrant as specified in its charter)"), "",
             "            WASHINGTON                                  91-1144442",
             "  (State or other jurisdiction of          (I.R.S. Employer Identification No.)",
             "   incorporation or organization)", "",
             "  ONE MICROSOFT WAY, REDMOND, WASHINGTON                  98052-6399",
             " (Address of principal executive offices)                 (Zip Code)", "",
             c("Registrant's telephone number, including area code: (425) 882-8080"), "",
             c("Securities registered pursuant to Section 12(b) of the Act: NONE"), "",
             c("Securities registered pursuant to Section 12(g) of the Act:"),
             c("COMMON STOCK"), ""]
    lines += wrap("Indicate by check mark whether the registrant (1) has filed every report required by "
                  "Section 13 or 15(d) of the Securities Exchange Act of 1934 during the preceding 12 months "
                  "and (2) has been subject to those filing requirements for the past 90 days.  "
                  "Yes [X]   No [ ]") + [""]
    lines += wrap("Indicate by check mark if disclosure of delinquent filers under Item 405 of Regulation "
                  "S-K is not contained herein, and will not be contained, to the best of the registrant's "
                  "knowledge, in the proxy statement incorporated by reference in Part III.  [ ]") + [""]
    lines += wrap("The aggregate market value of common stock held by non-affiliates of the registrant as "
                  "of August 31, 1998 was $191,404,000,000, based on the closing sale price on the Nasdaq "
                  "National Market. As of that date there were 2,476,129,012 shares of common stock "
                  "outstanding.") + [""]
    lines += [c("DOCUMENTS INCORPORATED BY REFERENCE"), ""]
    lines += wrap("Portions of the definitive Proxy Statement for the Company's 1998 Annual Meeting of "
                  "Shareholders are incorporated by reference into Part III.") + ["", "<PAGE>"]
    lines += [c("MICROSOFT CORPORATION"), c("FORM 10-K"), c("FOR THE FISCAL YEAR ENDED JUNE 30, 1998"), "",
              c("TABLE OF CONTENTS"), "", " " * 66 + "Page", " " * 66 + "----"]
    for entry in MSFT1998_ITEMS:
        if entry[0] == "part":
            lines += ["", c(f"PART {entry[1]}"), ""]
            continue
        key = entry[1]
        label = f"Item {key}.".ljust(11)
        title_lines = textwrap.wrap(toc_case(MSFT1998_TITLES[key]), 52)
        for text in title_lines[:-1]:
            lines.append((label + text).rstrip())
            label = " " * 13
        last = (label + title_lines[-1] + " ").ljust(66, ".")
        lines.append(last + str(item_pages[key]).rjust(6))
    lines += ["", "<PAGE>"]
    return lines


def msft1998_submission():
    body = TextFiling()
    body.render_body(MSFT1998_ITEMS)
    front = msft1998_front(body.item_pages)
    header = [
        "<SEC-DOCUMENT>0000891020-98-001352.txt : 19980925",
        "<SEC-HEADER>0000891020-98-001352.hdr.sgml : 19980925",
        "ACCESSION NUMBER:\t\t0000891020-98-001352",
        "CONFORMED SUBMISSION TYPE:\t10-K",
        "PUBLIC DOCUMENT COUNT:\t\t2",
        "CONFORMED PERIOD OF REPORT:\t19980630",
        "FILED AS OF DATE:\t\t19980925",
        "",
        "FILER:",
        "",
        "\tCOMPANY DATA:\t",
        "\t\tCOMPANY CONFORMED NAME:\t\t\tMICROSOFT CORP",
        "\t\tCENTRAL INDEX KEY:\t\t\t0000789019",
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tPREPACKAGED SOFTWARE [7372]",
        "\t\tIRS NUMBER:\t\t\t\t911144442",
        "\t\tSTATE OF INCORPORATION:\t\t\tWA",
        "\t\tFISCAL YEAR END:\t\t\t0630",
        "",
        "\tFILING VALUES:",
        "\t\tFORM TYPE:\t\t10-K",
        "\t\tSEC ACT:\t\t",
        "\t\tSEC FILE NUMBER:\t000-14278",
        "\t\tFILM NUMBER:\t\t98714522",
        "",
        "\tBUSINESS ADDRESS:\t",
        "\t\tSTREET 1:\t\tONE MICROSOFT WAY",
        "\t\tSTREET 2:\t\tBLDG 8 NORTH OFFICE 2211",
        "\t\tCITY:\t\t\tREDMOND",
        "\t\tSTATE:\t\t\tWA",
        "\t\tZIP:\t\t\t98052-6399",
        "\t\tBUSINESS PHONE:\t\t4258828080",
        "",
        "\tMAIL ADDRESS:\t",
        "\t\tSTREET 1:\t\tONE MICROSOFT WAY",
        "\t\tSTREET 2:\t\tBLDG 8 NORTH OFFICE 2211",
        "\t\tCITY:\t\t\tREDMOND",
        "\t\tSTATE:\t\t\tWA",
        "\t\tZIP:\t\t\t98052-6399",
        "</SEC-HEADER>",
        "<DOCUMENT>",
        "<TYPE>10-K",
        "<SEQUENCE>1",
        "<DESCRIPTION>FORM 10-K",
        "<TEXT>",
        "",
    ]
    ex27 = ["</TEXT>", "</DOCUMENT>", "<DOCUMENT>", "<TYPE>EX-27", "<SEQUENCE>2",
            "<DESCRIPTION>FINANCIAL DATA SCHEDULE", "<TEXT>", "", "<TABLE> <S> <C>", "", "<ARTICLE> 5",
            "<LEGEND>",
            "THIS SCHEDULE CONTAINS SUMMARY FINANCIAL INFORMATION EXTRACTED FROM THE",
            "CONSOLIDATED BALANCE SHEET AND INCOME STATEMENT FILED AS PART OF THE ANNUAL",
            "REPORT ON FORM 10-K AND IS QUALIFIED IN ITS ENTIRETY BY REFERENCE TO SUCH",
            "ANNUAL REPORT ON FORM 10-K.",
            "</LEGEND>", "<MULTIPLIER> 1,000,000", "",
            "<S>".ljust(34) + "<C>"]
    for tag, value in MSFT1998_EX27:
        ex27.append(f"<{tag}>".ljust(34) + value.rjust(15))
    ex27 += ["", "</TABLE>", "</TEXT>", "</DOCUMENT>", "</SEC-DOCUMENT>"]
    return ("\n".join(header + front + body.lines + ex27) + "\n").encode("ascii")


# ==========================================================================
# Entry point
# ==========================================================================

def write_filing(ticker, stem, data, meta):
    folder = OUT_DIR / ticker
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".txt" if data.startswith(b"<SEC-DOCUMENT>") else ".htm"
    path = folder / (stem + suffix)
    path.write_bytes(data)
    (folder / (stem + ".json")).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(OUT_DIR.parent.parent)} ({len(data):,} bytes)")


def main():
    for filing in FILINGS:
        meta = {"cik": filing["cik"], "company": filing["company"], "form": "10-K",
                "filed": filing["filed"], "period": filing["period"]}
        write_filing(filing["ticker"], filing["accession"], IxbrlFiling(filing).render(), meta)
    meta = {"cik": "0000789019", "company": "Microsoft Corporation", "form": "10-K",
            "filed": "1998-09-25", "period": "1998-06-30"}
    write_filing("MSFT", "0000891020-98-001352", msft1998_submission(), meta)


if __name__ == "__main__":
    main()
