# Escape attempts from inside a busybox pod: run as `sh -c "$(cat escape.sh)"` in the container.
# Each prints "<name>: refused" or "<name>: ESCAPED (<what>)". Host-side checks are in the tests.
# Arguments via environment: HOST_PORT (a TCP port listening on the host's 127.0.0.1), REPO_DIR
# (the working tree, which must not be visible).
try() {
  name=$1
  shift
  if "$@" >/dev/null 2>&1; then echo "$name: ESCAPED ($*)"; else echo "$name: refused"; fi
}
try remount-root-rw mount -o remount,bind,rw /
try remount-root mount -o remount,rw /
try umount-proc umount /proc
try umount-proc-lazy umount -l /proc
try mount-proc sh -c 'mkdir -p /tmp/p && mount -t proc proc /tmp/p'
try mount-tmpfs sh -c 'mkdir -p /tmp/t && mount -t tmpfs tmpfs /tmp/t'
try mount-bind sh -c 'mkdir -p /tmp/b && mount --bind / /tmp/b'
try pivot-root sh -c 'mkdir -p /tmp/old && pivot_root / /tmp/old'
try chroot-escape sh -c 'ls /proc/1/root/../../../etc/shadow'
try mknod-block mknod /tmp/sda b 8 0
try block-device-visible sh -c 'ls /dev | grep -E "^(loop|sd|vd|nvme|xvd)"'
try dev-mem-device sh -c 'echo x > /dev/mem; test -c /dev/mem'
try write-sysctl sh -c 'echo 1 > /proc/sys/kernel/sysrq'
try write-sysctl-net sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward && grep -q 1 /proc/sys/net/ipv4/ip_forward'
try sysrq-trigger sh -c 'echo h > /proc/sysrq-trigger'
try read-kcore sh -c 'head -c 1 /proc/kcore | grep -q .'
try read-keys sh -c 'cat /proc/keys | grep -q .'
try kernel-log dmesg
try unshare-user unshare -U true
try unshare-mount unshare -m true
try nsenter-host nsenter -t 1 -m -u -n true
try set-hostname hostname evil
try set-time sh -c 'date -s "2000-01-01 00:00:00" && test "$(date +%Y)" = 2000'
try load-module insmod /dev/null
try host-loopback sh -c "echo x | nc -w 1 127.0.0.1 ${HOST_PORT:-1}"
try host-tree sh -c 'test -e "${REPO_DIR:-/nonexistent}"'
try other-processes sh -c 'test $(ls -d /proc/[0-9]* | wc -l) -gt 6'
try swapoff swapoff -a
try reboot reboot -f
echo "capabilities: $(grep CapEff /proc/self/status)"
echo "no_new_privs: $(grep NoNewPrivs /proc/self/status)"
echo "seccomp: $(grep '^Seccomp:' /proc/self/status)"
echo "uid_map: $(awk '{print $1, $2, $3}' /proc/self/uid_map)"
