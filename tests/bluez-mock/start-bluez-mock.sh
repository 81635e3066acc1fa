#!/bin/sh
# Starts a private D-Bus bus (dbus-daemon --session, not the machine's buses) and LumbarBand's BlueZ mock on it:
# python3-dbusmock's bluez5 template extended with the band's GATT objects (lumbarband_bluez.py), which forward every
# GATT operation to a virtual band over TCP on 127.0.0.1.
#
# Usage: start-bluez-mock.sh PARAMETERS_JSON [LOG_FILE]
#   PARAMETERS_JSON: see lumbarband_bluez.py (band_port and the band's UUIDs; the tests build it from Core's GattIds).
# Prints, in shell syntax (eval it, or parse it):
#   LUMBARBAND_BLUEZ_BUS='<bus address>'   the address to give BlueZBandLink (or DBUS_SYSTEM_BUS_ADDRESS)
#   DBUS_DAEMON_PID=<pid>                  stop both with: kill $BLUEZ_MOCK_PID $DBUS_DAEMON_PID
#   BLUEZ_MOCK_PID=<pid>
# Exits 3 when dbus-daemon or python3-dbusmock is missing (apt-get install -y dbus-daemon dbus-bin python3-dbusmock).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
params=${1:?usage: start-bluez-mock.sh PARAMETERS_JSON [LOG_FILE]}
log=${2:-/dev/null}
# Debian's python3 with its dbus and gi modules, not a pyenv or venv python3 that may be first on PATH.
python=/usr/bin/python3

if ! command -v dbus-daemon >/dev/null 2>&1; then
    echo "dbus-daemon is not installed: apt-get install -y dbus-daemon dbus-bin" >&2
    exit 3
fi
if ! command -v dbus-send >/dev/null 2>&1; then
    echo "dbus-send is not installed: apt-get install -y dbus-bin" >&2
    exit 3
fi
if ! "$python" -c 'import dbusmock, dbus, gi' >/dev/null 2>&1; then
    echo "python3-dbusmock is not installed for $python: apt-get install -y python3-dbusmock" >&2
    exit 3
fi

out=$(dbus-daemon --session --fork --print-address=1 --print-pid=1)
address=$(echo "$out" | sed -n 1p)
daemon_pid=$(echo "$out" | sed -n 2p)

DBUS_SESSION_BUS_ADDRESS=$address "$python" -m dbusmock --session --template "$here/lumbarband_bluez.py" \
    --parameters "$params" -l "$log" >>"$log" 2>&1 &
mock_pid=$!

tries=0
until dbus-send --bus="$address" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.bluez 2>/dev/null | grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -gt 150 ] || ! kill -0 "$mock_pid" 2>/dev/null; then
        kill "$mock_pid" "$daemon_pid" 2>/dev/null || true
        echo "the BlueZ mock did not come up on $address (see $log)" >&2
        exit 4
    fi
    sleep 0.1
done

echo "LUMBARBAND_BLUEZ_BUS='$address'"
echo "DBUS_DAEMON_PID=$daemon_pid"
echo "BLUEZ_MOCK_PID=$mock_pid"
