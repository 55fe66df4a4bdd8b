#!/usr/bin/env bash
# The shared Samba AD DC test peer (docs/testing.md, "Independent peers"): one per test run, reused by every
# surefire JVM and Maven module, stopped by .ci/run's trap.
#
#   samba-peer.sh start   provision (once) and start Samba in network namespace $NS; idempotent; prints the
#                         state file (KEY=VALUE lines) on success, or "SKIP: reason" and exit 3 when it cannot run
#   samba-peer.sh status  exit 0 when the peer this script started is up
#   samba-peer.sh stop    stop what `start` started (the samba pid it recorded, the namespace and veth pair it
#                         created, /etc/netns/$NS) and nothing else
#
# Network: a veth pair joins the root namespace (the test JVM, servers it starts: cas.lab.test, $CAS_IP) and the
# private namespace (Samba: dc.lab.test, $DC_IP). Nothing is routed further; traffic stays on the pair.
set -uo pipefail

NS=${CM4J_SAMBA_NETNS:-samba}
BASE=${CM4J_PEERS_DIR:-/tmp/cm4j-peers}
DIR=$BASE/samba
VETH_ROOT=cm4j-smb0
VETH_NS=cm4j-smb1
CAS_IP=10.213.7.1
DC_IP=10.213.7.2
PREFIX=24
REALM=LAB.TEST
DOMAIN=LAB
ADMIN_PASSWORD='Cm4j-Samba-Admin1!'
STATE=$DIR/state.env

skip() { echo "SKIP: $*"; exit 3; }
log() { echo "samba-peer: $*" >&2; }

alive() {  # the samba we recorded is still running (same pid, still samba)
  [ -f "$STATE" ] || return 1
  local pid
  pid=$(sed -n 's/^SAMBA_PID=//p' "$STATE")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "samba"
}

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$DC_IP/$1" 2>/dev/null; }

prerequisites() {
  [ "$(id -u)" -eq 0 ] || skip "not root (a network namespace and veth pair need root)"
  command -v ip >/dev/null || skip "no 'ip' command (iproute2)"
  for c in samba samba-tool; do
    command -v "$c" >/dev/null || skip "$c is not installed (Debian: apt-get install samba samba-ad-dc samba-ad-provision winbind krb5-user)"
  done
  [ -d /usr/share/samba/setup ] || skip "samba-ad-provision is not installed (/usr/share/samba/setup missing)"
}

network() {
  if ! ip netns list | grep -qw "^$NS"; then
    ip netns add "$NS" || skip "cannot create network namespace $NS (ip netns add failed)"
    echo "$NS" >"$DIR/created-netns"
  elif [ ! -f "$DIR/created-netns" ]; then
    skip "network namespace $NS exists but was not created by this fixture; remove it or set CM4J_SAMBA_NETNS"
  fi
  ip netns exec "$NS" ip link set lo up
  if ! ip link show "$VETH_ROOT" >/dev/null 2>&1; then
    ip link add "$VETH_ROOT" type veth peer name "$VETH_NS" || skip "cannot create a veth pair"
    ip link set "$VETH_NS" netns "$NS"
    ip addr add "$CAS_IP/$PREFIX" dev "$VETH_ROOT"
    ip link set "$VETH_ROOT" up
    ip netns exec "$NS" ip addr add "$DC_IP/$PREFIX" dev "$VETH_NS"
    ip netns exec "$NS" ip link set "$VETH_NS" up
  fi
  mkdir -p "/etc/netns/$NS"
  # ip netns exec bind-mounts this file over /etc/hosts for programs started in the namespace.
  cat >"/etc/netns/$NS/hosts" <<HOSTS
127.0.0.1 localhost
$DC_IP dc.lab.test dc
$CAS_IP cas.lab.test cas
HOSTS
  echo "# no DNS inside the cm4j samba namespace" >"/etc/netns/$NS/resolv.conf"
  # The test JVM's hosts file (-Djdk.net.hosts.file): same names, plus this machine's own name.
  cat >"$DIR/hosts" <<HOSTS
127.0.0.1 localhost $(hostname)
::1 localhost
$DC_IP dc.lab.test dc
$CAS_IP cas.lab.test cas
HOSTS
}

provision() {
  [ -f "$DIR/provisioned" ] && return 0
  rm -rf "$DIR/dc"
  mkdir -p "$DIR/dc/run" "$DIR/dc/log"
  local t0=$SECONDS
  # --dns-backend=NONE: no DNS server; names come from the hosts files above. The DC listens on the veth
  # address only (bind interfaces only), so nothing outside the pair can reach it.
  if ! ip netns exec "$NS" samba-tool domain provision --realm="$REALM" --domain="$DOMAIN" --server-role=dc \
      --dns-backend=NONE --use-rfc2307 --adminpass="$ADMIN_PASSWORD" --host-name=dc --host-ip="$DC_IP" \
      --targetdir="$DIR/dc" \
      --option="interfaces=$VETH_NS" --option="bind interfaces only=yes" \
      --option="pid directory=$DIR/dc/run" --option="log file=$DIR/dc/log/samba.log" \
      --option="server services=-dns -nbt -dnsupdate" \
      --option="ntlm auth=yes" \
      >"$DIR/provision.log" 2>&1; then
    tail -5 "$DIR/provision.log" >&2
    skip "samba-tool domain provision failed (see $DIR/provision.log)"
  fi
  # Samba writes a krb5.conf for its realm; ours names the KDC by address so that no DNS is needed.
  cat >"$DIR/krb5.conf" <<KRB
[libdefaults]
    default_realm = $REALM
    dns_lookup_realm = false
    dns_lookup_kdc = false
    rdns = false
    dns_canonicalize_hostname = false
    udp_preference_limit = 1
    allow_weak_crypto = true
[realms]
    $REALM = {
        kdc = $DC_IP:88
        admin_server = $DC_IP
    }
[domain_realm]
    .lab.test = $REALM
    lab.test = $REALM
KRB
  touch "$DIR/provisioned"
  log "provisioned $REALM in $((SECONDS - t0)) s"
}

start_samba() {
  alive && return 0
  local t0=$SECONDS
  # -i: foreground; setsid detaches it from the JVM that asked, so that it outlives that JVM and serves later
  # ones; its pid is ours to stop.
  # 9>&-: the lock stays with this script, not with samba.
  setsid ip netns exec "$NS" samba -i -M single -s "$DIR/dc/etc/smb.conf" </dev/null >"$DIR/dc/log/samba.out" 2>&1 9>&- &
  local launcher=$!
  local pid=""
  for _ in $(seq 1 100); do
    pid=$(pgrep -P "$launcher" -x samba 2>/dev/null | head -1)
    [ -z "$pid" ] && [ -r "/proc/$launcher/comm" ] && [ "$(cat /proc/$launcher/comm)" = samba ] && pid=$launcher
    if [ -n "$pid" ] && port_open 135 && port_open 88 && port_open 389; then break; fi
    sleep 0.2
  done
  if [ -z "$pid" ] || ! port_open 135 || ! port_open 88; then
    tail -20 "$DIR/dc/log/samba.out" >&2
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    skip "samba did not start listening on $DC_IP:135/88 within 20 s (see $DIR/dc/log/samba.out)"
  fi
  cat >"$STATE" <<ST
SAMBA_PID=$pid
NETNS=$NS
REALM=$REALM
DOMAIN=$DOMAIN
DC_HOST=dc.lab.test
DC_IP=$DC_IP
CAS_HOST=cas.lab.test
CAS_IP=$CAS_IP
KDC_PORT=88
EPM_PORT=135
ADMIN_USER=Administrator
ADMIN_PASSWORD=$ADMIN_PASSWORD
SMB_CONF=$DIR/dc/etc/smb.conf
KRB5_CONF=$DIR/krb5.conf
HOSTS_FILE=$DIR/hosts
VETH_ROOT=$VETH_ROOT
DIR=$DIR
ST
  log "samba up in $((SECONDS - t0)) s (pid $pid)"
}

start() {
  prerequisites
  mkdir -p "$DIR"
  exec 9>"$DIR/lock"
  flock -w 120 9 || skip "timed out waiting for the lock $DIR/lock"
  if alive && port_open 135; then cat "$STATE"; exit 0; fi
  network
  provision
  start_samba
  cat "$STATE"
}

stop() {
  [ -d "$DIR" ] || exit 0
  exec 9>"$DIR/lock"
  flock -w 60 9 || log "lock busy; stopping anyway"
  if alive; then
    local pid
    pid=$(sed -n 's/^SAMBA_PID=//p' "$STATE")
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null
  fi
  if [ -f "$DIR/created-netns" ]; then
    # Children samba forked (winbindd, smbd) live in the namespace: end them by their pids there.
    for p in $(ip netns pids "$NS" 2>/dev/null); do kill "$p" 2>/dev/null; done
    sleep 0.3
    for p in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    ip link del "$VETH_ROOT" 2>/dev/null
    ip netns del "$NS" 2>/dev/null
    rm -rf "/etc/netns/$NS"
    rmdir /etc/netns 2>/dev/null || true   # only when empty
  fi
  rm -rf "$DIR"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  status) alive && port_open 135 ;;
  stop) stop ;;
  *) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
