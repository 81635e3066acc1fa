using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Session;

namespace LumbarBand.Core.Runtime
{
    /// <summary>
    /// The band's side of <see cref="BandCommandChannel"/>, run by the band's owner (the sampling thread on the device,
    /// the replay on the virtual band) between two batches of samples: applies the commands waiting in
    /// <see cref="BandCommandChannel.ToSampling"/> to <see cref="Band"/> and its <see cref="SessionRecorder"/>, answers
    /// the answered ones, plays each gesture's acknowledgement on the band's one player, and publishes the band's state
    /// (<see cref="BandSnapshot"/>). It is the only code outside <see cref="Band"/> that reads or changes the band, so
    /// no other thread needs a lock the sampling thread holds.
    /// </summary>
    /// <remarks>Allocation-free after construction. Not thread-safe: the band's owner calls it.</remarks>
    public sealed class BandCommandReceiver
    {
        private static readonly HapticPattern PressAck = new HapticPattern(60, new int[] { 60 });
        private static readonly HapticPattern DoublePressAck = new HapticPattern(60, new int[] { 60, 120, 60 });
        private static readonly HapticPattern LongPressAck = new HapticPattern(80, new int[] { 400 });
        private static readonly HapticPattern PairingAck = new HapticPattern(80, new int[] { 60, 60, 60, 60, 400 });
        private static readonly HapticPattern NeutralCapturedAck = new HapticPattern(70, new int[] { 100, 100, 100, 100, 100 });

        private readonly Band _band;
        private readonly SessionRecorder _recorder;
        private readonly BandCommandChannel _channel;
        private readonly BandSnapshot _snapshot = new BandSnapshot();
        private BandEvent _event;

        /// <summary>
        /// The receiver of <paramref name="band"/>, whose sessions <paramref name="recorder"/> records (the band's own,
        /// <see cref="Band.Sessions"/>, on the device; tests may feed a separate one), stamping them with the firmware
        /// version and serial of <paramref name="identity"/> (<see cref="BandPort.Identity"/>). Built before the band's
        /// threads start.
        /// </summary>
        public BandCommandReceiver(Band band, SessionRecorder recorder, BandCommandChannel channel, DeviceInfo identity)
        {
            if (band == null || recorder == null || channel == null || identity == null)
            {
                throw new System.ArgumentException("the receiver needs the band, its recorder, the channel and the identity", nameof(band));
            }

            _band = band;
            _recorder = recorder;
            _channel = channel;
            recorder.SetFirmwareVersion(identity.FirmwareMajor, identity.FirmwareMinor, identity.FirmwarePatch);
            recorder.SetSerialNumber(identity.SerialNumber);
            if (recorder != band.Sessions)
            {
                recorder.Configure(band.Settings);
            }
        }

        /// <summary>Commands applied since construction.</summary>
        public int Applied { get; private set; }

        /// <summary>
        /// Applies every waiting command at device time <paramref name="nowUs"/>, then publishes the band's state.
        /// Call it once per drain, before or after feeding the samples.
        /// </summary>
        public void Drain(long nowUs)
        {
            int kind;
            int value;
            while (_channel.ToSampling.TryTake(out kind, out value))
            {
                Apply((SideEffectKind)kind, value, nowUs);
                Applied++;
            }

            Publish(nowUs);
        }

        /// <summary>
        /// Takes the band's public events (the recorder has already seen each) and acknowledges a neutral capture with
        /// pulses; the firmware calls it after each drain of samples.
        /// </summary>
        public void TakeEvents(long nowUs)
        {
            bool captured = false;
            while (_band.Events.TryTake(out _event))
            {
                captured |= _event.Kind == BandEventKind.NeutralCaptured;
            }

            if (captured)
            {
                _band.Cues.Player.Play(NeutralCapturedAck, nowUs, HapticPriority.Acknowledgement);
            }
        }

        /// <summary>Publishes the band's state now (<see cref="BandCommandChannel.ReadSnapshot"/>).</summary>
        public void Publish(long nowUs)
        {
            _snapshot.Capture(_band, _recorder, nowUs);
            _channel.Publish(_snapshot);
        }

        private void Apply(SideEffectKind kind, int value, long nowUs)
        {
            HapticPlayer player = _band.Cues.Player;
            switch (kind)
            {
                case SideEffectKind.GesturePress:
                    _band.MarkPain(nowUs);
                    player.Play(PressAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.GestureDoublePress:
                    _band.Snooze(nowUs);
                    player.Play(DoublePressAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.GestureLongPress:
                    _band.RequestNeutralCapture();
                    player.Play(LongPressAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.GestureTriplePress:
                    player.Play(PairingAck, nowUs, HapticPriority.Acknowledgement);
                    break;
                case SideEffectKind.BatteryPercent:
                    _recorder.BatteryPercent = value;
                    break;
                case SideEffectKind.SetClock:
                    _recorder.Clock.Set((uint)value, nowUs);
                    Answer(ErrorCode.None);
                    break;
                case SideEffectKind.StartCalibration:
                    Answer(StartCalibration());
                    break;
                case SideEffectKind.TestCue:
                    // The band's one player (the motor's owner), as a posture cue: never over a pacing signal.
                    player.Play(HapticPatterns.ForLevel(value), nowUs, HapticPriority.PostureCue);
                    Answer(ErrorCode.None);
                    break;
                case SideEffectKind.ApplySettings:
                    Answer(ApplySettings() ? ErrorCode.None : ErrorCode.InvalidParameter);
                    break;
                case SideEffectKind.EndSessionForErase:
                    _recorder.EndNow(nowUs, SessionEndReason.Host);
                    Mark();
                    Answer(ErrorCode.None);
                    break;
                case SideEffectKind.FactoryReset:
                    ApplySettings();
                    _recorder.EndNow(nowUs, SessionEndReason.Host);
                    _recorder.Clock.Clear();
                    Mark();
                    break;
                default:
                    break;
            }
        }

        private ErrorCode StartCalibration()
        {
            if (_band.Neutral.IsPending)
            {
                return ErrorCode.Busy;
            }

            _band.RequestNeutralCapture();
            return ErrorCode.None;
        }

        /// <summary>Applies the channel's settings to the band (which copies them) and the recorder; false if refused.</summary>
        private bool ApplySettings()
        {
            if (!_band.Configure(_channel.Settings).IsOk)
            {
                return false;
            }

            if (_recorder != _band.Sessions)
            {
                _recorder.Configure(_band.Settings);
            }

            return true;
        }

        private void Mark()
        {
            _channel.ToControl.TryPost((int)SideEffectKind.OutboxMark, _recorder.Outbox.Produced);
        }

        private void Answer(ErrorCode result)
        {
            _channel.ToControl.TryPost((int)SideEffectKind.Answer, (int)result);
        }
    }
}
