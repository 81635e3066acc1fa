'''LumbarBand's BlueZ mock: python-dbusmock's bluez5 template, extended with a band.

Loads the bluez5 template (org.bluez objects: ObjectManager, AgentManager1, ProfileManager1) and adds:

- an adapter "hci0" (unless the parameter "adapter" is false) whose StartDiscovery makes a band appear: a Device1
  advertising the LumbarBand service UUID, with its own Connect, Disconnect and Pair;
- on Connect, the band's GATT objects: a GattService1 and its Status, Control point and Data GattCharacteristic1s
  (ReadValue, WriteValue, StartNotify, StopNotify, and PropertiesChanged "Value" for notifications, as BlueZ emits them).

Behind the GATT objects is the real protocol engine: the mock opens a TCP connection to a virtual band (the .NET
VirtualBandServer, Core's CommandHandler around a band) in the framing of LumbarBand.Host.Links.TcpLinkFraming
(length:u16 | type:u8 | body, little-endian) and forwards every operation to it.

Parameters (JSON, --parameters):
  band_port           TCP port of the virtual band on 127.0.0.1 (required for a band)
  service_uuid, status_uuid, control_point_uuid, data_uuid
                      the band's UUIDs; the tests pass Core's GattIds, so no UUID is declared twice
  adapter             false: no adapter at all (default true)
  band_address        the band's Bluetooth address (default C4:4F:33:0B:1E:50)
  mtu                 the ATT MTU the "central" asks for (default 185)
  host_id             this host's id for the band's bond list (default 7)
'''

import queue
import socket
import struct
import threading

import dbus
from gi.repository import GLib

from dbusmock import OBJECT_MANAGER_IFACE, mockobject
from dbusmock.templates import bluez5
# The org.bluez.Mock convenience methods stay available to tests (dbusmock attaches every D-Bus method it finds here).
from dbusmock.templates.bluez5 import AddAdapter, AddDevice, PairDevice, RemoveAdapter  # noqa: F401 pylint: disable=unused-import

BUS_NAME = bluez5.BUS_NAME
MAIN_OBJ = bluez5.MAIN_OBJ
SYSTEM_BUS = bluez5.SYSTEM_BUS
IS_OBJECT_MANAGER = bluez5.IS_OBJECT_MANAGER

ADAPTER_IFACE = bluez5.ADAPTER_IFACE
DEVICE_IFACE = bluez5.DEVICE_IFACE
GATT_SERVICE_IFACE = 'org.bluez.GattService1'
GATT_CHRC_IFACE = 'org.bluez.GattCharacteristic1'

# TCP link message types (LumbarBand.Host.Links.TcpLinkMessageType).
HELLO, PAIR, SUBSCRIBE, WRITE, READ = 0x01, 0x02, 0x03, 0x04, 0x05
WELCOME, PAIR_RESULT, SUBSCRIBE_RESULT, WRITE_RESULT, READ_RESULT, NOTIFY = 0x81, 0x82, 0x83, 0x84, 0x85, 0x86
# Characteristic codes on the TCP link (LumbarBand.Host.Links.BandCharacteristic).
STATUS, CONTROL_POINT, DATA = 1, 2, 3
ATT_INSUFFICIENT_AUTHENTICATION = 0x05
RESULT_TIMEOUT_S = 5


class BandLink:
    '''The mock's TCP connection to the virtual band: one GATT operation at a time, notifications on the main loop.'''

    def __init__(self, port, on_notify, on_lost):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=RESULT_TIMEOUT_S)
        self.sock.settimeout(None)
        self.results = queue.Queue()
        self.on_notify = on_notify
        self.on_lost = on_lost
        self.closing = False
        threading.Thread(target=self._read_loop, daemon=True).start()

    def exchange(self, msg_type, body, result_type):
        '''Sends one message and waits for its result (blocking the main loop, like a synchronous GATT operation).'''
        frame = struct.pack('<HB', 1 + len(body), msg_type) + bytes(body)
        self.sock.sendall(frame)
        try:
            got_type, got_body = self.results.get(timeout=RESULT_TIMEOUT_S)
        except queue.Empty as e:
            raise dbus.exceptions.DBusException('the band did not answer', name='org.bluez.Error.Failed') from e
        if got_type is None:
            raise dbus.exceptions.DBusException('the link to the band was lost', name='org.bluez.Error.NotConnected')
        if got_type != result_type:
            raise dbus.exceptions.DBusException(f'unexpected answer 0x{got_type:02x}', name='org.bluez.Error.Failed')
        return got_body

    def close(self):
        self.closing = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()

    def _read_exact(self, n):
        data = b''
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError()
            data += chunk
        return data

    def _read_loop(self):
        try:
            while True:
                (length,) = struct.unpack('<H', self._read_exact(2))
                message = self._read_exact(length)
                msg_type, body = message[0], message[1:]
                if msg_type == NOTIFY:
                    # Notifications go out on the main loop, in order, after the method call that caused them returned.
                    GLib.idle_add(self.on_notify, body[0], bytes(body[1:]))
                else:
                    self.results.put((msg_type, body))
        except (EOFError, OSError):
            self.results.put((None, b''))
            if not self.closing:
                GLib.idle_add(self.on_lost)


def load(mock, parameters):
    '''Sets up bluez5's objects, then the adapter and the band as the parameters say.'''
    # dbusmock registers the main object only after load(); bluez5's helpers look it up there.
    mockobject.objects[mock.path] = mock
    bluez5.load(mock, parameters)
    mock.band_params = dict(parameters)
    if not parameters.get('adapter', True):
        return
    adapter_path = bluez5.AddAdapter(mock, 'hci0', 'lumbarband-test-host')
    adapter = mockobject.objects[adapter_path]
    adapter.AddMethod(ADAPTER_IFACE, 'StartDiscovery', '', '', start_discovery)


def start_discovery(adapter):
    '''Adapter1.StartDiscovery: bluez5's, and a moment later the band's advertisement shows up.'''
    adapter.props[ADAPTER_IFACE].setdefault('DiscoveryFilter', dbus.Dictionary({}, signature='sv'))
    bluez5.StartDiscovery(adapter)
    GLib.timeout_add(300, add_band, adapter)


def add_band(adapter):
    '''The band was "heard": a Device1 advertising the LumbarBand service.'''
    mock = mockobject.objects['/']
    params = mock.band_params
    if 'band_port' not in params or getattr(mock, 'band_path', None):
        return False
    address = params.get('band_address', 'C4:4F:33:0B:1E:50')
    path = bluez5.AddDevice(mock, 'hci0', address, 'LumbarBand')
    mock.band_path = path
    device = mockobject.objects[path]
    device.band = None
    device.AddMethod(DEVICE_IFACE, 'Connect', '', '', connect)
    device.AddMethod(DEVICE_IFACE, 'Disconnect', '', '', disconnect)
    device.AddMethod(DEVICE_IFACE, 'Pair', '', '', pair)
    set_props(device, DEVICE_IFACE, {
        'UUIDs': dbus.Array([params['service_uuid']], signature='s', variant_level=1),
        'RSSI': dbus.Int16(-52, variant_level=1),
    })
    return False


def set_props(obj, interface, values):
    '''Sets properties and emits PropertiesChanged, as BlueZ does.'''
    for name, value in values.items():
        obj.props[interface][name] = value
    obj.EmitSignal(dbus.PROPERTIES_IFACE, 'PropertiesChanged', 'sa{sv}as', [interface, values, []])


def connect(device):
    '''Device1.Connect: opens the link to the virtual band (Hello/Welcome is the MTU exchange), resolves services.'''
    if device.band is not None:
        raise dbus.exceptions.DBusException('Already Connected', name='org.bluez.Error.AlreadyConnected')
    params = mockobject.objects['/'].band_params
    try:
        link = BandLink(int(params['band_port']), lambda c, v: notify(device, c, v), lambda: link_lost(device))
    except OSError as e:
        raise dbus.exceptions.DBusException(f'the band does not answer: {e}', name='org.bluez.Error.Failed') from e
    hello = struct.pack('<HQ', int(params.get('mtu', 185)), int(params.get('host_id', 7)))
    welcome = link.exchange(HELLO, hello, WELCOME)
    (mtu,) = struct.unpack('<H', welcome[:2])
    device.band = link
    add_gatt(device, mtu)
    set_props(device, DEVICE_IFACE, {'Connected': dbus.Boolean(True, variant_level=1)})
    if welcome[2] and not device.props[DEVICE_IFACE]['Paired']:
        set_props(device, DEVICE_IFACE, {'Paired': dbus.Boolean(True, variant_level=1)})
    set_props(device, DEVICE_IFACE, {'ServicesResolved': dbus.Boolean(True, variant_level=1)})


def disconnect(device):
    '''Device1.Disconnect.'''
    if device.band is None:
        raise dbus.exceptions.DBusException('Not Connected', name='org.bluez.Error.NotConnected')
    device.band.close()
    device.band = None
    set_props(device, DEVICE_IFACE, {
        'ServicesResolved': dbus.Boolean(False, variant_level=1),
        'Connected': dbus.Boolean(False, variant_level=1),
    })


def link_lost(device):
    '''The virtual band dropped the link: BlueZ reports the device disconnected.'''
    if device.band is not None:
        device.band = None
        set_props(device, DEVICE_IFACE, {
            'ServicesResolved': dbus.Boolean(False, variant_level=1),
            'Connected': dbus.Boolean(False, variant_level=1),
        })
    return False


def pair(device):
    '''Device1.Pair: "Just Works" pairing, which the band accepts only inside its pairing window.'''
    if device.props[DEVICE_IFACE]['Paired']:
        raise dbus.exceptions.DBusException('Device already paired', name='org.bluez.Error.AlreadyExists')
    if device.band is None:
        raise dbus.exceptions.DBusException('Not Connected', name='org.bluez.Error.NotConnected')
    outcome = device.band.exchange(PAIR, b'', PAIR_RESULT)
    if outcome[0] != 0:
        raise dbus.exceptions.DBusException('the band refused the bond', name='org.bluez.Error.AuthenticationRejected')
    set_props(device, DEVICE_IFACE, {
        'Paired': dbus.Boolean(True, variant_level=1),
        'Bonded': dbus.Boolean(True, variant_level=1),
    })


def add_gatt(device, mtu):
    '''The band's GATT service and characteristics, as BlueZ exports them once services are resolved.'''
    mock = mockobject.objects['/']
    params = mock.band_params
    if getattr(device, 'chrc_paths', None):
        for path in device.chrc_paths.values():
            mockobject.objects[path].props[GATT_CHRC_IFACE]['MTU'] = dbus.UInt16(mtu, variant_level=1)
        return
    service_path = device.path + '/service0010'
    service_props = {
        'UUID': dbus.String(params['service_uuid'], variant_level=1),
        'Primary': dbus.Boolean(True, variant_level=1),
        'Device': dbus.ObjectPath(device.path, variant_level=1),
        'Includes': dbus.Array([], signature='o', variant_level=1),
    }
    mock.AddObject(service_path, GATT_SERVICE_IFACE, service_props, [])
    mock.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}', [dbus.ObjectPath(service_path), {GATT_SERVICE_IFACE: service_props}])
    device.chrc_paths = {}
    for handle, code, uuid, flags in [
            (0x11, STATUS, params['status_uuid'], ['read', 'notify']),
            (0x14, CONTROL_POINT, params['control_point_uuid'], ['write', 'notify']),
            (0x17, DATA, params['data_uuid'], ['notify'])]:
        path = f'{service_path}/char{handle:04x}'
        props = {
            'UUID': dbus.String(uuid, variant_level=1),
            'Service': dbus.ObjectPath(service_path, variant_level=1),
            'Value': dbus.Array([], signature='y', variant_level=1),
            'Notifying': dbus.Boolean(False, variant_level=1),
            'Flags': dbus.Array(flags, signature='s', variant_level=1),
            'MTU': dbus.UInt16(mtu, variant_level=1),
        }
        mock.AddObject(path, GATT_CHRC_IFACE, props, [
            ('ReadValue', 'a{sv}', 'ay', read_value),
            ('WriteValue', 'aya{sv}', '', write_value),
            ('StartNotify', '', '', start_notify),
            ('StopNotify', '', '', stop_notify),
        ])
        chrc = mockobject.objects[path]
        chrc.code = code
        chrc.device = device
        device.chrc_paths[code] = path
        mock.EmitSignal(OBJECT_MANAGER_IFACE, 'InterfacesAdded', 'oa{sa{sv}}', [dbus.ObjectPath(path), {GATT_CHRC_IFACE: props}])


def band_of(chrc):
    if chrc.device.band is None:
        raise dbus.exceptions.DBusException('Not Connected', name='org.bluez.Error.NotConnected')
    return chrc.device.band


def att_error(error, what):
    if error == ATT_INSUFFICIENT_AUTHENTICATION:
        raise dbus.exceptions.DBusException(f'{what}: insufficient authentication', name='org.bluez.Error.NotAuthorized')
    if error != 0:
        raise dbus.exceptions.DBusException(f'{what}: ATT error 0x{error:02x}', name='org.bluez.Error.NotPermitted')


def read_value(chrc, _options):
    '''GattCharacteristic1.ReadValue.'''
    result = band_of(chrc).exchange(READ, bytes([chrc.code]), READ_RESULT)
    att_error(result[1], 'read')
    return dbus.Array(result[2:], signature='y')


def write_value(chrc, value, _options):
    '''GattCharacteristic1.WriteValue (a write request: the band's answer follows as a notification).'''
    result = band_of(chrc).exchange(WRITE, bytes([chrc.code]) + bytes(value), WRITE_RESULT)
    att_error(result[1], 'write')


def start_notify(chrc):
    '''GattCharacteristic1.StartNotify: writes the CCCD on the band.'''
    result = band_of(chrc).exchange(SUBSCRIBE, bytes([chrc.code, 1]), SUBSCRIBE_RESULT)
    att_error(result[1], 'subscribe')
    set_props(chrc, GATT_CHRC_IFACE, {'Notifying': dbus.Boolean(True, variant_level=1)})


def stop_notify(chrc):
    '''GattCharacteristic1.StopNotify.'''
    if chrc.device.band is not None:
        chrc.device.band.exchange(SUBSCRIBE, bytes([chrc.code, 0]), SUBSCRIBE_RESULT)
    set_props(chrc, GATT_CHRC_IFACE, {'Notifying': dbus.Boolean(False, variant_level=1)})


def notify(device, code, value):
    '''A notification from the band: the characteristic's Value changes, as BlueZ reports it.'''
    path = getattr(device, 'chrc_paths', {}).get(code)
    if path is not None:
        set_props(mockobject.objects[path], GATT_CHRC_IFACE, {'Value': dbus.Array(value, signature='y', variant_level=1)})
    return False
