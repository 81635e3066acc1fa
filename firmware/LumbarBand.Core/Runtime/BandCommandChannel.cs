using System.Threading;
using LumbarBand.Core.Configuration;

namespace LumbarBand.Core.Runtime
{
    /// <summary>
    /// Everything that crosses between the band's owner (the sampling thread, <see cref="BandCommandReceiver"/>) and
    /// the rest of the firmware (the control thread: <see cref="Session.BandPort"/>, the button, the battery): commands
    /// in a bounded queue one way (<see cref="ToSampling"/>), answers in another (<see cref="ToControl"/>), the settings
    /// to apply, and the band's published state (<see cref="ReadSnapshot"/>). Nobody waits on anybody: the band's rule
    /// is one owner per resource, and the sampling thread never blocks on flash, BLE or I2C.
    /// </summary>
    /// <remarks>
    /// <para>One producer and one consumer per queue. The control thread posts at most one answered command at a
    /// time (it waits for the <see cref="SideEffectKind.Answer"/> before posting the next), so
    /// <see cref="Settings"/> is written by the control thread only while no <see cref="SideEffectKind.ApplySettings"/>
    /// or <see cref="SideEffectKind.FactoryReset"/> is in flight, and read by the sampling thread only while it applies
    /// one.</para>
    /// <para>The snapshot is published as a sequence lock: the sampling thread makes the sequence odd, copies, makes it
    /// even again; a reader copies between two equal even readings and tries again otherwise. The writer never waits;
    /// a reader gives up after <see cref="SnapshotReadAttempts"/> attempts and keeps its previous copy.</para>
    /// </remarks>
    public sealed class BandCommandChannel
    {
        /// <summary>
        /// Commands the sampling thread may find waiting at a drain (every 40 ms): one answered request, a few
        /// gestures and battery readings. A full queue refuses (the caller answers Busy or drops the gesture).
        /// </summary>
        public const int DefaultCapacity = 8;

        /// <summary>Tries to read a consistent snapshot: the publisher runs every 40 ms and copies in microseconds.</summary>
        public const int SnapshotReadAttempts = 4;

        private readonly SideEffectQueue _toSampling;
        private readonly SideEffectQueue _toControl;
        private readonly BandSettings _settings = new BandSettings();
        private readonly BandSnapshot _published = new BandSnapshot();
        private int _sequence;

        /// <summary>A channel whose queues hold <paramref name="capacity"/> commands each.</summary>
        public BandCommandChannel(int capacity)
        {
            _toSampling = new SideEffectQueue(capacity);
            _toControl = new SideEffectQueue(capacity);
        }

        /// <summary>A channel of <see cref="DefaultCapacity"/>.</summary>
        public BandCommandChannel()
            : this(DefaultCapacity)
        {
        }

        /// <summary>Control → sampling: gestures, battery readings and the port's band-state requests.</summary>
        public SideEffectQueue ToSampling { get { return _toSampling; } }

        /// <summary>Sampling → control: answers and outbox marks.</summary>
        public SideEffectQueue ToControl { get { return _toControl; } }

        /// <summary>The settings an <see cref="SideEffectKind.ApplySettings"/> or <see cref="SideEffectKind.FactoryReset"/> applies (see remarks).</summary>
        public BandSettings Settings { get { return _settings; } }

        /// <summary>Snapshots published so far.</summary>
        public int Publications { get { return Interlocked.CompareExchange(ref _sequence, 0, 0) / 2; } }

        /// <summary>Sampling thread: publishes <paramref name="snapshot"/> (copied).</summary>
        public void Publish(BandSnapshot snapshot)
        {
            Interlocked.Increment(ref _sequence);
            _published.CopyFrom(snapshot);
            Interlocked.Increment(ref _sequence);
        }

        /// <summary>
        /// Any other thread: copies the last published snapshot into <paramref name="into"/>; false when none was
        /// published yet or the writer kept changing it (then <paramref name="into"/> may hold a mix: read into a
        /// scratch copy and keep the last good one).
        /// </summary>
        public bool ReadSnapshot(BandSnapshot into)
        {
            for (int attempt = 0; attempt < SnapshotReadAttempts; attempt++)
            {
                int before = Interlocked.CompareExchange(ref _sequence, 0, 0);
                if (before == 0)
                {
                    return false;
                }

                if ((before & 1) != 0)
                {
                    Thread.Sleep(0);
                    continue;
                }

                into.CopyFrom(_published);
                if (Interlocked.CompareExchange(ref _sequence, 0, 0) == before)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
