#!/usr/bin/env bash
# start_cluster.sh - for the SLURM test (tests/test_slurm.py): bring up a one-node SLURM "cluster" (munged + slurmctld + slurmd)
# on Debian 12, with one fake GPU (gpu:t4:1 backed by /dev/null) and no accounting.
# Idempotent: if the node already answers in sinfo, exits 0 at once.
# Env knobs: SLURM_PROTO_DIR (state/logs, default /var/lib/slurm-proto),
#            SLURM_WAIT_S (seconds to wait for the node, default 60),
#            SLURM_NODE_CPUS, SLURM_NODE_MEM_MB (declare the node as this size, e.g. a T4 node's,
#            instead of the machine's: slurmd then trusts the config, and jobs share the real cores).
set -euo pipefail

die() { echo "start_cluster.sh: ERROR: $*" >&2; exit 1; }
# Exit status 3: this machine cannot host the cluster (not root, no apt); the test skips.
cannot() { echo "start_cluster.sh: cannot run here: $*" >&2; exit 3; }

[ "$(id -u)" -eq 0 ] || cannot "must run as root (needs apt-get and to start munged/slurmctld/slurmd)"

DIR=${SLURM_PROTO_DIR:-/var/lib/slurm-proto}
WAIT_S=${SLURM_WAIT_S:-60}
NODE=$(hostname -s 2>/dev/null || true); NODE=${NODE:-localhost}
CONF=/etc/slurm

# running <pidfile> <name>: pid in file is alive, not a zombie, and really is <name>
# (pid files may be stale; PID 1 in containers may not reap zombies quickly)
running() { local p; p=$(cat "$1" 2>/dev/null) || return 1
  [ "$(cat /proc/"$p"/comm 2>/dev/null)" = "$2" ] && ! grep -q '^State:.*Z' /proc/"$p"/status 2>/dev/null; }
# stop <pidfile> <name>: TERM the daemon (never by name), wait, then KILL
stop() { running "$1" "$2" || return 0; local p; p=$(cat "$1"); kill "$p"
  for _ in $(seq 20); do running "$1" "$2" || return 0; sleep 0.5; done; kill -9 "$p" 2>/dev/null || true; }
node_state() { timeout 5 sinfo -h -N -n "$NODE" -o '%T' 2>/dev/null | head -n1; }

# --- 0. already up? -> done ------------------------------------------------
# (as declared: a node of another size gets the config below and restarted daemons)
declared_size() { timeout 5 sinfo -h -N -n "$NODE" -o '%c %m' 2>/dev/null | head -n1; }
wanted_size() { [ -z "${SLURM_NODE_CPUS:-}${SLURM_NODE_MEM_MB:-}" ] || [ "$(declared_size)" = "${SLURM_NODE_CPUS:-} ${SLURM_NODE_MEM_MB:-}" ]; }
if command -v sinfo >/dev/null && running "$DIR/slurmctld.pid" slurmctld && running "$DIR/slurmd.pid" slurmd && wanted_size; then
  case "$(node_state)" in
    idle*|mixed*|allocated*|completing*) echo "SLURM already up: node $NODE is $(node_state)"; exit 0 ;;
  esac
fi

# --- 1. install packages (skipped when present) -----------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
   || ! command -v sinfo >/dev/null; then
  command -v apt-get >/dev/null || cannot "apt-get not found: this script needs Debian/Ubuntu to install slurm-wlm and munge"
  # keep postinst scripts from trying to start services (no init system here)
  ADDED_POLICY=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; ADDED_POLICY=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  LOG=/tmp/start_cluster.apt.log
  apt-get update -qq >"$LOG" 2>&1 || die "apt-get update failed (no network / registry?), see $LOG"
  apt-get install -y -qq --no-install-recommends -o Dpkg::Use-Pty=0 slurm-wlm munge >>"$LOG" 2>&1 \
    || die "apt-get install slurm-wlm munge failed, see $LOG"
  if [ "$ADDED_POLICY" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# --- 2. munge key + munged --------------------------------------------------
mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then            # Debian's postinst normally creates it
  mungekey -c -k /etc/munge/munge.key 2>/dev/null || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key; chmod 0755 /run/munge
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  stop /run/munge/munged.pid munged
  runuser -u munge -- /usr/sbin/munged || die "munged failed to start (see /var/log/munge/munged.log)"
  sleep 1
  munge -n </dev/null | unmunge >/dev/null || die "munge credential round-trip fails"
fi

# --- 3. config --------------------------------------------------------------
mkdir -p "$DIR/ctld" "$DIR/d" "$DIR/log" "$CONF"
# real topology from slurmd -C (first line: NodeName=... CPUs=... RealMemory=...)
HW=$(slurmd -C 2>/dev/null | head -n1)
CPUS=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$HW"); CPUS=${CPUS:-$(nproc)}
TOPO=$(grep -o 'Boards=[0-9]* SocketsPerBoard=[0-9]* CoresPerSocket=[0-9]* ThreadsPerCore=[0-9]*' <<<"$HW" || true)
MEM=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$HW")
MEM=${MEM:-$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 ))}
MEM=$(( MEM * 90 / 100 ))                          # leave ~10% headroom, else node gets drained
OVERRIDES=""
if [ -n "${SLURM_NODE_CPUS:-}${SLURM_NODE_MEM_MB:-}" ]; then
  CPUS=${SLURM_NODE_CPUS:-$CPUS}; MEM=${SLURM_NODE_MEM_MB:-$MEM}; TOPO=""
  OVERRIDES="SlurmdParameters=config_overrides"     # no drain for "low memory/cores" than declared
fi
DEFMEM=$(( MEM / CPUS / 2 ))                       # default --mem-per-cpu, so jobs don't grab the whole node

cat > "$CONF/slurm.conf.new" <<EOF
# generated by start_cluster.sh
ClusterName=proto
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$DEFMEM
GresTypes=gpu
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
$OVERRIDES
MinJobAge=86400
StateSaveLocation=$DIR/ctld
SlurmdSpoolDir=$DIR/d
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS $TOPO RealMemory=$MEM Gres=gpu:t4:1 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
# fake GPU: /dev/null stands in for the device file
echo "NodeName=$NODE Name=gpu Type=t4 File=/dev/null" > "$CONF/gres.conf.new"
for f in slurm.conf gres.conf; do
  if cmp -s "$CONF/$f.new" "$CONF/$f"; then rm "$CONF/$f.new"; else mv "$CONF/$f.new" "$CONF/$f"; CHANGED=1; fi
done

# --- 4. daemons (restart if config changed) -----------------------------------
if [ "${CHANGED:-0}" = 1 ]; then stop "$DIR/slurmd.pid" slurmd; stop "$DIR/slurmctld.pid" slurmctld; fi
running "$DIR/slurmctld.pid" slurmctld || slurmctld || die "slurmctld failed to start (see $DIR/log/slurmctld.log)"
running "$DIR/slurmd.pid" slurmd       || slurmd -N "$NODE" || die "slurmd failed to start (see $DIR/log/slurmd.log)"

# --- 5. wait for the node ---------------------------------------------------
END=$(( SECONDS + WAIT_S ))
while [ "$SECONDS" -lt "$END" ]; do
  running "$DIR/slurmctld.pid" slurmctld || die "slurmctld died: $(grep -E 'fatal|error' "$DIR/log/slurmctld.log" | tail -n1)"
  case "$(node_state)" in
    idle*|mixed*|allocated*|completing*) echo "SLURM up: node $NODE is $(node_state) (conf $CONF/slurm.conf, logs $DIR/log)"; exit 0 ;;
    down*|drain*) scontrol update NodeName="$NODE" State=RESUME 2>/dev/null || true ;;
  esac
  sleep 1
done
die "node $NODE not idle after ${WAIT_S}s (state '$(node_state)'); see $DIR/log/slurmctld.log and slurmd.log"
