using System;
using System.Threading;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;
using LumbarBand.Firmware.Runtime;
using LumbarBand.Firmware.Session;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.GenericAttributeProfile;
using nanoFramework.Device.Bluetooth.Security;
using nanoFramework.Runtime.Native;

namespace LumbarBand.Firmware.Ble
{
    /// <summary>
    /// The band's GATT server (docs/protocol.md §2, §3, §13): a thin shell over Core's <see cref="CommandHandler"/>,
    /// its <see cref="LinkTrust"/> and <see cref="PairingWindow"/>. Control-point writes are answered inside the
    /// write event (handler call, <c>Respond()</c>, then the response as a notification); a pump thread sends download
    /// chunks; a 1 s timer notifies status every <see cref="ProtocolConstants.StatusIntervalMs"/> and keeps the stack's
    /// <c>AllowBonding</c> in step with the pairing window.
    /// </summary>
    /// <remarks>
    /// Locks: every handler call holds the storage lock (<c>_handlerLock</c>, shared with the control thread's session
    /// writer); the sampling thread never takes it, and nothing here touches <see cref="LumbarBand.Core.Band"/>: a
    /// request that changes the band is sent to its owner by Core's port, and its response leaves when the control
    /// thread finds the answer (<see cref="SendAnswers"/>). The notification a handler call produces is sent under the
    /// same lock, so a chunk of an old download can never follow the response to a new ReadSession.
    /// </remarks>
    internal sealed class BleGattAdapter
    {
        /// <summary>Name in the advertisement: short, so flags + 128-bit service UUID + name fit 31 bytes.</summary>
        public const string AdvertisedName = "LBand";

        private const int TimerPeriodMs = 1000;
        private const int StatusEveryTicks = ProtocolConstants.StatusIntervalMs / TimerPeriodMs;
        private const int MaxAttValueBytes = 512;
        private const byte AttInsufficientAuthentication = 0x05;
        private const int NotifyRetryMs = 10;
        /// <summary>Timer ticks (s) between a factory reset's response and the reboot, so the reply leaves first.</summary>
        private const int FactoryResetRebootTicks = 2;

        /// <summary>Bound on the OnRebootEvent handlers (Runtime.Native Power.RebootDevice(int)); none are installed.</summary>
        private const int RebootHandlersTimeoutMs = 1000;
        private const string SigUuidSuffix = "-0000-1000-8000-00805f9b34fb";

        private readonly CommandHandler _handler;
        private readonly BandPort _port;
        private readonly SessionKeeper _session;
        private readonly object _handlerLock;
        private readonly PairingWindow _window;
        private readonly LinkTrust _trust;
        private readonly string _serial;
        private readonly string _hardwareRevision;
        private readonly string _firmwareRevision;
        private readonly bool _hasBattery;

        private readonly byte[] _request = new byte[MaxAttValueBytes];
        private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _chunk = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _status = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _battery = new byte[1];
        private readonly Buffer _responseBuffer;
        private readonly Buffer _chunkBuffer;
        private readonly Buffer _statusBuffer;
        private readonly Buffer _batteryBuffer;
        private readonly AutoResetEvent _pumpWake = new AutoResetEvent(false);

        private BluetoothLEServer _server;
        private GattServiceProvider _provider;
        private GattLocalCharacteristic _statusCharacteristic;
        private GattLocalCharacteristic _controlCharacteristic;
        private GattLocalCharacteristic _dataCharacteristic;
        private GattLocalCharacteristic _batteryCharacteristic;
        private Thread _pump;
        private Timer _timer;
        // Plain fields shared between the stack's event thread, the pump and the timer: nanoCLR interprets IL on one
        // native thread, switching managed threads between instructions, and every ldfld reads the object itself, so
        // a write is seen by the next read (inference from nf-interpreter src/CLR/Include/nanoCLR_Runtime.h: managed threads are green threads). `volatile` cannot be used:
        // it needs IsVolatile, which nanoFramework's mscorlib lacks.
        private bool _running;
        private bool _connected;
        private bool _statusSubscribed;
        private bool _dataSubscribed;
        private bool _batterySubscribed;
        private bool _bondingAllowed;
        private int _ticks;
        private int _rebootAtTick;
        private bool _chunkPending;
        private uint _chunkSession;
        private int _chunkSequence;
        private int _savedTrustChanges;
        private readonly byte[] _hostsRecord = new byte[TrustedHosts.EncodedBytes];
        private readonly uint _serialNumber;
        private int _batteryPercent = -1;
        private ulong[] _bondsAtConnect = new ulong[0];

        /// <summary>
        /// Creates the adapter. <paramref name="handlerLock"/> is the storage lock that guards the port and the log.
        /// Strings are the Device Information values (protocol §2).
        /// </summary>
        public BleGattAdapter(CommandHandler handler, SessionKeeper session, object handlerLock, PairingWindow window, uint serialNumber, string hardwareRevision, string firmwareRevision, bool hasBattery)
        {
            _session = session;
            BandPort port = session.Port;
            _handler = handler;
            _port = port;
            _handlerLock = handlerLock;
            _window = window;
            _trust = handler.Trust;
            _serial = serialNumber.ToString("X8");
            _serialNumber = serialNumber;
            _hardwareRevision = hardwareRevision;
            _firmwareRevision = firmwareRevision;
            _hasBattery = hasBattery;
            _responseBuffer = new Buffer(_response);
            _chunkBuffer = new Buffer(_chunk);
            _statusBuffer = new Buffer(_status);
            _batteryBuffer = new Buffer(_battery);
        }

        /// <summary>True once the server advertises.</summary>
        public bool IsStarted { get; private set; }

        /// <summary>The link's security, as the handler sees it.</summary>
        public LinkSecurity Security { get { return _trust.Security; } }

        /// <summary>Builds the services, starts the stack and advertising, the pump thread and the timer.</summary>
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
            _bondingAllowed = false;
            pairing.AllowBonding = false;
            pairing.PairingRequested += OnPairingRequested;
            pairing.PairingComplete += OnPairingComplete;
            _server.Session.SessionStatusChanged += OnSessionStatusChanged;
            _server.Session.MaxPduSizeChanged += OnMaxPduSizeChanged;

            _running = true;
            _pump = new Thread(RunPump);
            _pump.Start();
            _timer = new Timer(OnTimer, null, TimerPeriodMs, TimerPeriodMs);

            _server.Start();
            GattServiceProviderAdvertisingParameters advertising = new GattServiceProviderAdvertisingParameters();
            advertising.IsConnectable = true;
            advertising.IsDiscoverable = true;
            _provider.StartAdvertising(advertising);
            IsStarted = true;
        }

        /// <summary>Stops advertising, the timer, the pump and the stack.</summary>
        public void Stop()
        {
            _running = false;
            IsStarted = false;
            if (_timer != null)
            {
                _timer.Dispose();
                _timer = null;
            }

            _pumpWake.Set();
            if (_pump != null && _pump != Thread.CurrentThread)
            {
                _pump.Join(500);
            }

            if (_provider != null)
            {
                _provider.StopAdvertising();
            }

            if (_server != null)
            {
                _server.Stop();
            }
        }

        /// <summary>The pairing gesture (three quick presses) opened the window at <paramref name="nowMs"/>: allow one new bond.</summary>
        public void OpenPairingWindow(long nowMs)
        {
            _window.Open(nowMs);
            SetBonding(true);
        }

        /// <summary>
        /// Control thread, every tick: sends the response to a request the band's owner has now answered (the port
        /// sent it to the sampling thread; the write itself was acknowledged in the write event).
        /// </summary>
        public void SendAnswers()
        {
            lock (_handlerLock)
            {
                if (!_handler.IsAwaitingBand)
                {
                    return;
                }

                int n = _handler.CompletePending(_response);
                if (n > 0 && _connected)
                {
                    _responseBuffer.Length = (uint)n;
                    Notify(_controlCharacteristic, _responseBuffer);
                }
            }

            _pumpWake.Set();
        }

        /// <summary>The gauge's level, percent (0–100, or -1 unknown); notified on the Battery service when it changes.</summary>
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

        // ---- GATT events (the stack's event thread; each answered well inside the 2 s deadline) ----

        private void OnControlWrite(GattLocalCharacteristic sender, GattWriteRequestedEventArgs args)
        {
            GattWriteRequest request = args.GetRequest();
            int length = CopyValue(request.Value, _request);
            bool factoryReset;
            lock (_handlerLock)
            {
                int n = 0;
                try
                {
                    n = _handler.OnControlWrite(_request, length, _response);
                }
                catch (Exception ex)
                {
                    // Flash failed under a request (erase, acknowledge, settings): degrade, do not reboot.
                    _session.OnFlashError(ex);
                }

                if (request.Option == GattWriteOption.WriteWithResponse)
                {
                    request.Respond();
                }

                if (n > 0)
                {
                    _responseBuffer.Length = (uint)n;
                    Notify(_controlCharacteristic, _responseBuffer);
                }

                factoryReset = _port.FactoryResetPending;
                if (factoryReset)
                {
                    _port.CompleteFactoryReset();
                    _trust.ForgetAll(FirmwareBandHost.NewSecret(_serialNumber), 0);
                }
            }

            if (factoryReset)
            {
                // Protocol §7.13: forget every bond, then reboot from the timer a few seconds later, once the write
                // response and the notification have left (Power.RebootDevice reboots at once; its argument only
                // bounds the OnRebootEvent handlers).
                DeviceBonding.DeleteAllBonds();
                _rebootAtTick = _ticks + FactoryResetRebootTicks;
                return;
            }

            _pumpWake.Set();
        }

        private void OnStatusRead(GattLocalCharacteristic sender, GattReadRequestedEventArgs args)
        {
            GattReadRequest request = args.GetRequest();
            lock (_handlerLock)
            {
                int n = ReadStatus();
                if (n > 0)
                {
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
            bool any = sender.SubscribedClients.Length > 0;
            if (sender == _statusCharacteristic)
            {
                _statusSubscribed = any;
            }
            else if (sender == _dataCharacteristic)
            {
                _dataSubscribed = any;
                _pumpWake.Set();
            }
            else if (sender == _batteryCharacteristic)
            {
                _batterySubscribed = any;
            }
        }

        private void OnSessionStatusChanged(object sender, GattSessionStatusChangedEventArgs args)
        {
            if (args.Status == GattSessionStatus.Active)
            {
                _bondsAtConnect = BondAddresses();
                lock (_handlerLock)
                {
                    _handler.OnConnected();
                }

                _connected = true;
            }
            else if (args.Status == GattSessionStatus.Closed)
            {
                _connected = false;
                _statusSubscribed = false;
                _dataSubscribed = false;
                _batterySubscribed = false;
                lock (_handlerLock)
                {
                    _handler.OnDisconnected();
                }
            }
        }

        private void OnMaxPduSizeChanged(object sender, EventArgs args)
        {
            int mtu = _server.Session.MaxMtuSize;
            lock (_handlerLock)
            {
                _handler.OnMtuChanged(mtu);
            }
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
            if (args.Status != DevicePairingResultStatus.Paired)
            {
                return;
            }

            // The link is encrypted: that is all this event says. Trust is Core's (LinkTrust): an enrollment inside the
            // window, or the proof of a key; never the bond list. A bond made outside the window is deleted (hygiene).
            ulong[] before = _bondsAtConnect;
            bool insideWindow;
            lock (_handlerLock)
            {
                insideWindow = _trust.OnEncrypted(NowMs());
            }

            if (!insideWindow)
            {
                ulong[] after = BondAddresses();
                for (int i = 0; i < after.Length; i++)
                {
                    if (!Contains(before, after[i]))
                    {
                        DeviceBonding.DeleteBondForPeer(after[i], BluetoothAddressType.Public);
                        DeviceBonding.DeleteBondForPeer(after[i], BluetoothAddressType.Random);
                    }
                }
            }

            _bondsAtConnect = BondAddresses();
            SetBonding(_window.IsOpen(NowMs()));
        }

        // ---- data pump and timer ----

        private void RunPump()
        {
            while (_running)
            {
                _pumpWake.WaitOne(TimerPeriodMs, false);
                while (_running && _connected && _dataSubscribed)
                {
                    bool sent;
                    lock (_handlerLock)
                    {
                        DownloadTransfer transfer = _handler.Transfer;
                        if (!_chunkPending)
                        {
                            int n = _handler.NextDataChunk(_chunk);
                            if (n <= 0)
                            {
                                break;
                            }

                            _chunkBuffer.Length = (uint)n;
                            _chunkPending = true;
                            _chunkSession = transfer.SessionId;
                            _chunkSequence = transfer.Sequence;
                        }
                        else if (!transfer.Active || transfer.SessionId != _chunkSession || transfer.Sequence != _chunkSequence)
                        {
                            // A new request replaced the transfer while the chunk waited: it must not follow the new response.
                            _chunkPending = false;
                            continue;
                        }

                        sent = Notify(_dataCharacteristic, _chunkBuffer);
                        if (sent)
                        {
                            _chunkPending = false;
                        }
                    }

                    if (!sent)
                    {
                        // The stack's queue is full: the same chunk again a tick later (protocol §13), with no lock
                        // held meanwhile, so the session writer and the handler are never kept waiting.
                        Thread.Sleep(NotifyRetryMs);
                    }
                }
            }
        }

        private void OnTimer(object state)
        {
            long now = NowMs();
            if (_bondingAllowed && !_window.IsOpen(now))
            {
                SetBonding(false);
            }

            _ticks++;
            SaveTrustedHostsIfChanged();
            if (_rebootAtTick > 0 && _ticks >= _rebootAtTick)
            {
                Power.RebootDevice(RebootHandlersTimeoutMs);
            }

            if (_ticks % StatusEveryTicks != 0 || !_connected || !_statusSubscribed)
            {
                return;
            }

            lock (_handlerLock)
            {
                if (ReadStatus() == StatusMessageBytes)
                {
                    Notify(_statusCharacteristic, _statusBuffer);
                }
            }
        }

        private const int StatusMessageBytes = 20;

        /// <summary>Saves Core's trusted-hosts table after an enrollment or reset: snapshot under the lock, write outside it.</summary>
        private void SaveTrustedHostsIfChanged()
        {
            int changes;
            lock (_handlerLock)
            {
                changes = _trust.Changes;
                if (changes == _savedTrustChanges)
                {
                    return;
                }

                _trust.Hosts.Encode(_hostsRecord);
            }

            if (FirmwareBandHost.SaveTrustedHosts(_hostsRecord))
            {
                _savedTrustChanges = changes;
            }
        }

        private int ReadStatus()
        {
            int n = _handler.ReadStatus(_status);
            if (n > 0)
            {
                _statusBuffer.Length = (uint)n;
            }

            return n;
        }

        private void SetBonding(bool allowed)
        {
            _bondingAllowed = allowed;
            if (_server != null)
            {
                _server.Pairing.AllowBonding = allowed;
            }
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
