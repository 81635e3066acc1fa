using System;
using LumbarBand.Core.Protocol;
using LumbarBand.Firmware.Runtime;
using LumbarBand.Firmware.Session;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using nanoFramework.Device.Bluetooth.Security;
using nanoFramework.Runtime.Native;

namespace LumbarBand.Firmware.Ble
{
    /// <summary>
    /// The band's GATT server (docs/protocol.md §2, §3, §13), a thin driver of nanoFramework's Bluetooth API around
    /// Core's <see cref="LinkController"/>: the stack's events are copied into Core's <see cref="LinkEventQueue"/> on
    /// the stack's thread, and the control thread (<see cref="Service"/>, every tick) delivers them and carries out
    /// the controller's actions (notifications, bonding, bond hygiene, saving the trusted hosts, the factory reset and
    /// its reboot). Every decision — order, retries, status period, trust — is Core's, tested on the host.
    /// </summary>
    /// <remarks>
    /// Threads: the stack's thread touches nothing but the event queue, the status value published for reads (under
    /// <c>_statusLock</c>, shared with the control thread only) and the battery byte; the handler, the port and the
    /// flash are the control thread's; the sampling thread never waits on anything here. A control-point write is
    /// acknowledged at the ATT level in the write event; its response notification follows from the control thread.
    /// </remarks>
    internal sealed class BleGattAdapter
    {
        /// <summary>Name in the advertisement: short, so flags + 128-bit service UUID + name fit 31 bytes.</summary>
        public const string AdvertisedName = "LBand";

        /// <summary>Actions carried out per control tick at most (download chunks mostly), so the tick stays short.</summary>
        private const int ActionsPerService = 16;

        private const int MaxAttValueBytes = 512;
        private const byte AttInsufficientAuthentication = 0x05;

        /// <summary>ATT error for a write the event queue has no room for (Insufficient Resources, Core Spec Vol 3 Part F 3.4.1.1).</summary>
        private const byte AttInsufficientResources = 0x11;

        /// <summary>Bound on the OnRebootEvent handlers (Runtime.Native Power.RebootDevice(int)); none are installed.</summary>
        private const int RebootHandlersTimeoutMs = 1000;
        private const string SigUuidSuffix = "-0000-1000-8000-00805f9b34fb";

        private readonly LinkController _link;
        private readonly LinkEventQueue _events = new LinkEventQueue();
        private readonly SessionKeeper _session;
        private readonly PairingWindow _window;
        private readonly LinkTrust _trust;
        private readonly string _serial;
        private readonly string _hardwareRevision;
        private readonly string _firmwareRevision;
        private readonly bool _hasBattery;
        private readonly uint _serialNumber;
        private readonly object _statusLock = new object();

        private readonly byte[] _request = new byte[MaxAttValueBytes];
        private readonly byte[] _notify = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _statusScratch = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _statusForReads = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _battery = new byte[1];
        private readonly byte[] _hostsRecord = new byte[TrustedHosts.EncodedBytes];
        private readonly Buffer _notifyBuffer;
        private readonly Buffer _statusBuffer;
        private readonly Buffer _batteryBuffer;

        private BluetoothLEServer _server;
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _statusCharacteristic;
        private GattLocalCharacteristic _controlCharacteristic;
        private GattLocalCharacteristic _dataCharacteristic;
        private GattLocalCharacteristic _batteryCharacteristic;
        // Plain fields shared between the stack's event thread and the control thread, one writer each: nanoCLR
        // interprets IL on one native thread, switching managed threads between instructions, and every ldfld reads the
        // object itself, so a write is seen by the next read (inference from nf-interpreter src/CLR/Include/nanoCLR_Runtime.h:
        // managed threads are green threads). `volatile` cannot be used: it needs IsVolatile, which nanoFramework's mscorlib lacks.
        private int _statusForReadsLength;
        private bool _batterySubscribed;
        private int _batteryPercent = -1;
        private ulong[] _bondsAtConnect = new ulong[0];

        /// <summary>
        /// Creates the adapter around <paramref name="handler"/> (whose port is <paramref name="session"/>'s). Strings are
        /// the Device Information values (protocol §2).
        /// </summary>
        public BleGattAdapter(CommandHandler handler, SessionKeeper session, PairingWindow window, uint serialNumber, string hardwareRevision, string firmwareRevision, bool hasBattery)
        {
            _link = new LinkController(handler, window, ProtocolConstants.StatusIntervalMs);
            _session = session;
            _window = window;
            _trust = handler.Trust;
            _serial = serialNumber.ToString("X8");
            _serialNumber = serialNumber;
            _hardwareRevision = hardwareRevision;
            _firmwareRevision = firmwareRevision;
            _hasBattery = hasBattery;
            _notifyBuffer = new Buffer(_notify);
            _statusBuffer = new Buffer(_statusForReads);
            _batteryBuffer = new Buffer(_battery);
        }

        /// <summary>True once the server advertises.</summary>
        public bool IsStarted { get; private set; }

        /// <summary>Builds the services, starts the stack and advertising.</summary>
        public void Start()
        {
            _server = BluetoothLEServer.Instance;
            _server.DeviceName = AdvertisedName;

            GattServiceProviderResult result = GattServiceProvider.Create(new Guid(GattIds.Service));
            if (result.Error != BluetoothError.Success)
            {
                IsStarted = false;
                return;
            }

            _provider = result.ServiceProvider;
            CreateBandCharacteristics(_provider.Service);
            // Each further service is a provider of its own (Device.Bluetooth GattServiceProvider.Create); one with the
            // Device Information UUID replaces the default one the first Create added.
            CreateDeviceInformation(CreateService(SigUuid(GattIds.DeviceInformationService)));
            if (_hasBattery)
            {
                CreateBattery(CreateService(SigUuid(GattIds.BatteryService)));
            }

            DevicePairing pairing = _server.Pairing;
            pairing.IOCapabilities = DevicePairingIOCapabilities.NoInputNoOutput;
            pairing.AllowBonding = false;
            pairing.PairingRequested += OnPairingRequested;
            pairing.PairingComplete += OnPairingComplete;
            _server.Session.SessionStatusChanged += OnSessionStatusChanged;
            _server.Session.MaxPduSizeChanged += OnMaxPduSizeChanged;

            _server.Start();
            GattServiceProviderAdvertisingParameters advertising = new GattServiceProviderAdvertisingParameters();
            advertising.IsConnectable = true;
            advertising.IsDiscoverable = true;
            _provider.StartAdvertising(advertising);
            IsStarted = true;
        }

        /// <summary>Stops advertising and the stack.</summary>
        public void Stop()
        {
            IsStarted = false;
            if (_provider != null)
            {
                _provider.StopAdvertising();
            }

            if (_server != null)
            {
                _server.Stop();
            }
        }

        /// <summary>The pairing gesture (three quick presses) opened the window at <paramref name="nowMs"/> (control thread); the controller allows one new bond.</summary>
        public void OpenPairingWindow(long nowMs)
        {
            _window.Open(nowMs);
        }

        /// <summary>
        /// Control thread, every tick: delivers the stack's events to the link controller, carries out up to
        /// <see cref="ActionsPerService"/> of its actions, and publishes the status value that reads answer with.
        /// </summary>
        public void Service(long nowMs)
        {
            if (!IsStarted)
            {
                return;
            }

            _events.Deliver(_link, nowMs);
            for (int i = 0; i < ActionsPerService; i++)
            {
                LinkAction action = _link.Next(nowMs);
                if (action == LinkAction.None)
                {
                    break;
                }

                Carry(action, nowMs);
            }

            PublishStatusForReads();
        }

        /// <summary>The gauge's level, percent (0–100, or -1 unknown); notified on the Battery service when it changes (control thread).</summary>
        public void OnBatteryPercent(int percent)
        {
            if (percent == _batteryPercent || !_hasBattery || percent < 0 || percent > 100)
            {
                return;
            }

            _batteryPercent = percent;
            if (_batterySubscribed && _batteryCharacteristic != null)
            {
                lock (_batteryBuffer)
                {
                    _battery[0] = (byte)percent;
                    _batteryCharacteristic.NotifyValue(_batteryBuffer);
                }
            }
        }

        private void Carry(LinkAction action, long nowMs)
        {
            switch (action)
            {
                case LinkAction.NotifyControl:
                    _link.OnNotified(Notify(_controlCharacteristic, _link.Payload, _link.PayloadLength), nowMs);
                    break;
                case LinkAction.NotifyData:
                    _link.OnNotified(Notify(_dataCharacteristic, _link.Payload, _link.PayloadLength), nowMs);
                    break;
                case LinkAction.NotifyStatus:
                    _link.OnNotified(Notify(_statusCharacteristic, _link.Payload, _link.PayloadLength), nowMs);
                    break;
                case LinkAction.SetBonding:
                    _server.Pairing.AllowBonding = _link.BondingAllowed;
                    break;
                case LinkAction.DeleteNewBonds:
                    DeleteBondsMadeSinceConnect();
                    break;
                case LinkAction.SaveTrustedHosts:
                    _trust.Hosts.Encode(_hostsRecord);
                    _link.OnTrustedHostsSaved(FirmwareBandHost.SaveTrustedHosts(_hostsRecord));
                    break;
                case LinkAction.CompleteFactoryReset:
                    // Protocol §7.13: storage and settings reset, every host and bond forgotten; the reboot follows.
                    _session.CompleteFactoryReset();
                    _trust.ForgetAll(FirmwareBandHost.NewSecret(_serialNumber), 0);
                    DeviceBonding.DeleteAllBonds();
                    break;
                case LinkAction.Reboot:
                    // Power.RebootDevice reboots at once; its argument only bounds the OnRebootEvent handlers.
                    Power.RebootDevice(RebootHandlersTimeoutMs);
                    break;
                default:
                    break;
            }
        }

        private void PublishStatusForReads()
        {
            int n = _link.Connected ? _link.ReadStatus(_statusScratch) : 0;
            lock (_statusLock)
            {
                Array.Copy(_statusScratch, 0, _statusForReads, 0, n);
                _statusForReadsLength = n;
            }
        }

        /// <summary>The link encrypted outside the pairing window: the bonds it made are deleted (trust never came from them).</summary>
        private void DeleteBondsMadeSinceConnect()
        {
            ulong[] before = _bondsAtConnect;
            ulong[] after = BondAddresses();
            for (int i = 0; i < after.Length; i++)
            {
                if (!Contains(before, after[i]))
                {
                    DeviceBonding.DeleteBondForPeer(after[i], BluetoothAddressType.Public);
                    DeviceBonding.DeleteBondForPeer(after[i], BluetoothAddressType.Random);
                }
            }

            _bondsAtConnect = BondAddresses();
        }

        private void CreateBandCharacteristics(GattLocalService service)
        {
            GattLocalCharacteristicParameters status = new GattLocalCharacteristicParameters();
            status.CharacteristicProperties = GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify;
            status.ReadProtectionLevel = GattProtectionLevel.EncryptionRequired;
            status.UserDescription = "Status";
            _statusCharacteristic = Characteristic(service, GattIds.Status, status);
            _statusCharacteristic.ReadRequested += OnStatusRead;
            _statusCharacteristic.SubscribedClientsChanged += OnSubscribersChanged;

            GattLocalCharacteristicParameters control = new GattLocalCharacteristicParameters();
            control.CharacteristicProperties = GattCharacteristicProperties.Write | GattCharacteristicProperties.Notify;
            control.WriteProtectionLevel = GattProtectionLevel.Plain;
            control.UserDescription = "Control point";
            _controlCharacteristic = Characteristic(service, GattIds.ControlPoint, control);
            _controlCharacteristic.WriteRequested += OnControlWrite;

            GattLocalCharacteristicParameters data = new GattLocalCharacteristicParameters();
            data.CharacteristicProperties = GattCharacteristicProperties.Notify;
            data.ReadProtectionLevel = GattProtectionLevel.EncryptionRequired;
            data.WriteProtectionLevel = GattProtectionLevel.EncryptionRequired;
            data.UserDescription = "Data";
            _dataCharacteristic = Characteristic(service, GattIds.Data, data);
            _dataCharacteristic.SubscribedClientsChanged += OnSubscribersChanged;
        }

        private void CreateDeviceInformation(GattLocalService service)
        {
            StaticString(service, GattIds.ManufacturerName, "LumbarBand project");
            StaticString(service, GattIds.ModelNumber, "LumbarBand");
            StaticString(service, GattIds.SerialNumber, _serial);
            StaticString(service, GattIds.HardwareRevision, _hardwareRevision);
            StaticString(service, GattIds.FirmwareRevision, _firmwareRevision);
            StaticString(service, GattIds.SoftwareRevision, ProtocolConstants.VersionMajor.ToString() + "." + ProtocolConstants.VersionMinor.ToString());
        }

        private void CreateBattery(GattLocalService service)
        {
            GattLocalCharacteristicParameters level = new GattLocalCharacteristicParameters();
            level.CharacteristicProperties = GattCharacteristicProperties.Read | GattCharacteristicProperties.Notify;
            GattLocalCharacteristicResult result = service.CreateCharacteristic(SigUuid(GattIds.BatteryLevel), level);
            _batteryCharacteristic = result.Characteristic;
            _batteryCharacteristic.ReadRequested += OnBatteryRead;
            _batteryCharacteristic.SubscribedClientsChanged += OnSubscribersChanged;
        }

        private static GattLocalService CreateService(Guid uuid)
        {
            GattServiceProviderResult result = GattServiceProvider.Create(uuid);
            if (result.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("GATT service " + uuid.ToString());
            }

            return result.ServiceProvider.Service;
        }

        private static GattLocalCharacteristic Characteristic(GattLocalService service, string uuid, GattLocalCharacteristicParameters parameters)
        {
            GattLocalCharacteristicResult result = service.CreateCharacteristic(new Guid(uuid), parameters);
            if (result.Error != BluetoothError.Success)
            {
                throw new InvalidOperationException("GATT characteristic " + uuid);
            }

            return result.Characteristic;
        }

        private static void StaticString(GattLocalService service, ushort uuid, string value)
        {
            DataWriter writer = new DataWriter();
            writer.WriteString(value);
            GattLocalCharacteristicParameters parameters = new GattLocalCharacteristicParameters();
            parameters.CharacteristicProperties = GattCharacteristicProperties.Read;
            parameters.StaticValue = writer.DetachBuffer();
            service.CreateCharacteristic(SigUuid(uuid), parameters);
        }

        private static Guid SigUuid(ushort uuid16)
        {
            return new Guid("0000" + uuid16.ToString("x4") + SigUuidSuffix);
        }

        // ---- GATT events (the stack's thread): copied into the event queue, nothing else ----

        private void OnControlWrite(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            int length = CopyValue(request.Value, _request);
            if (!_events.Post(LinkEventKind.ControlWrite, 0, _request, length))
            {
                request.RespondWithProtocolError(AttInsufficientResources);
                return;
            }

            if (request.Option == GattWriteOption.WriteWithResponse)
            {
                request.Respond();
            }
        }

        private void OnStatusRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            lock (_statusLock)
            {
                if (_statusForReadsLength > 0)
                {
                    _statusBuffer.Length = (uint)_statusForReadsLength;
                    request.RespondWithValue(_statusBuffer);
                }
                else
                {
                    request.RespondWithProtocolError(AttInsufficientAuthentication);
                }
            }
        }

        private void OnBatteryRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            lock (_batteryBuffer)
            {
                _battery[0] = (byte)(_batteryPercent < 0 ? 0 : _batteryPercent);
                request.RespondWithValue(_batteryBuffer);
            }
        }

        private void OnSubscribersChanged(GattLocalCharacteristic sender, object args)
        {
            int any = sender.SubscribedClients.Length > 0 ? 1 : 0;
            if (sender == _statusCharacteristic)
            {
                _events.Post(LinkEventKind.StatusSubscribed, any);
            }
            else if (sender == _dataCharacteristic)
            {
                _events.Post(LinkEventKind.DataSubscribed, any);
            }
            else if (sender == _batteryCharacteristic)
            {
                _batterySubscribed = any != 0;
            }
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            if (args.Status == GattSessionStatus.Active)
            {
                _bondsAtConnect = BondAddresses();
                _events.Post(LinkEventKind.Connected, 0);
            }
            else if (args.Status == GattSessionStatus.Closed)
            {
                _batterySubscribed = false;
                _events.Post(LinkEventKind.Disconnected, 0);
            }
        }

        private void OnMaxPduSizeChanged(object sender, EventArgs args)
        {
            _events.Post(LinkEventKind.MtuChanged, _server.Session.MaxMtuSize);
        }

        private void OnPairingRequested(object sender, DevicePairingRequestedEventArgs args)
        {
            // Just Works only: a request is accepted while the window is open, ignored (times out) otherwise.
            if (_window.IsOpen(NowMs()))
            {
                args.Accept();
            }
        }

        private void OnPairingComplete(object sender, DevicePairingEventArgs args)
        {
            // The link is encrypted: that is all this event says. Trust is Core's (LinkTrust, through the controller):
            // an enrollment inside the window, or the proof of a key; never the bond list.
            if (args.Status == DevicePairingResultStatus.Paired)
            {
                _events.Post(LinkEventKind.Encrypted, 0);
            }
        }

        // ---- helpers ----

        /// <summary>Notifies <paramref name="length"/> bytes of <paramref name="payload"/>; false when the stack refused it (its queue was full).</summary>
        private bool Notify(GattLocalCharacteristic characteristic, byte[] payload, int length)
        {
            Array.Copy(payload, 0, _notify, 0, length);
            _notifyBuffer.Length = (uint)length;
            return Notify(characteristic, _notifyBuffer);
        }

        private static bool Notify(GattLocalCharacteristic characteristic, Buffer value)
        {
            GattClientNotificationResult[] results = characteristic.NotifyValue(value);
            for (int i = 0; i < results.Length; i++)
            {
                if (results[i].ProtocolError != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int CopyValue(Buffer value, byte[] target)
        {
            int length = (int)value.Length;
            if (length > target.Length)
            {
                length = target.Length;
            }

            DataReader reader = DataReader.FromBuffer(value);
            for (int i = 0; i < length; i++)
            {
                target[i] = reader.ReadByte();
            }

            return length;
        }

        private static ulong[] BondAddresses()
        {
            int count = DeviceBonding.Count();
            ulong[] addresses = new ulong[count];
            for (int i = 0; i < count; i++)
            {
                addresses[i] = DeviceBonding.GetBondInformationAt(i);
            }

            return addresses;
        }

        private static bool Contains(ulong[] addresses, ulong address)
        {
            for (int i = 0; i < addresses.Length; i++)
            {
                if (addresses[i] == address)
                {
                    return true;
                }
            }

            return false;
        }

        private static long NowMs()
        {
            return SampleLoop.NowUs() / 1000;
        }
    }
}
