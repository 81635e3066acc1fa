using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The hosts the band trusts: for each, the 64-bit host id it enrolled with and the 128-bit key the band gave it
    /// then (<see cref="LinkTrust"/>), plus the band's own 128-bit secret from which keys and challenges are derived.
    /// Fixed capacity (<see cref="Capacity"/>); a new host beyond it replaces the one enrolled longest ago. Encoded to a
    /// fixed-size, CRC-checked record (<see cref="Encode"/>) that the firmware keeps in flash.
    /// </summary>
    public sealed class TrustedHosts
    {
        /// <summary>Hosts kept: a wearer's phone, laptop, therapist's laptop, and one spare.</summary>
        public const int Capacity = 4;

        /// <summary>Record magic "LBTH", little-endian.</summary>
        public const uint Magic = 0x4854424C;

        /// <summary>Record layout version.</summary>
        public const byte LayoutVersion = 1;

        private const int EntryBytes = 8 + SipHash24.KeyBytes + 4;
        private const int HeaderBytes = 4 + 1 + 1 + 2;
        private const int SecretOffset = HeaderBytes;
        private const int CounterOffset = SecretOffset + SipHash24.KeyBytes;
        private const int EntriesOffset = CounterOffset + 8;

        /// <summary>Bytes of <see cref="Encode"/>'s record: header, secret, counter, entries, CRC-32.</summary>
        public const int EncodedBytes = EntriesOffset + (Capacity * EntryBytes) + 4;

        private readonly ulong[] _ids = new ulong[Capacity];
        private readonly ulong[] _key0 = new ulong[Capacity];
        private readonly ulong[] _key1 = new ulong[Capacity];
        private readonly uint[] _enrolledOrder = new uint[Capacity];
        private readonly bool[] _used = new bool[Capacity];
        private uint _nextOrder = 1;

        /// <summary>The band secret's first 8 bytes (SipHash k0).</summary>
        public ulong Secret0 { get; private set; }

        /// <summary>The band secret's last 8 bytes (SipHash k1).</summary>
        public ulong Secret1 { get; private set; }

        /// <summary>
        /// Keys and challenges derived so far (persisted, so a value is never derived twice, even across reboots,
        /// as long as the record is saved after each enrollment; challenges also mix in a per-boot salt).
        /// </summary>
        public ulong Counter { get; private set; }

        /// <summary>Hosts enrolled.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Capacity; i++)
                {
                    if (_used[i])
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>
        /// Sets a new band secret from <paramref name="secret"/> (16 bytes from <paramref name="offset"/>) and
        /// forgets every host: first boot, or a factory reset.
        /// </summary>
        public void Reset(byte[] secret, int offset)
        {
            Secret0 = SipHash24.ReadUInt64(secret, offset);
            Secret1 = SipHash24.ReadUInt64(secret, offset + 8);
            Counter = 0;
            _nextOrder = 1;
            for (int i = 0; i < Capacity; i++)
            {
                _used[i] = false;
                _ids[i] = 0;
                _key0[i] = 0;
                _key1[i] = 0;
                _enrolledOrder[i] = 0;
            }
        }

        /// <summary>The next derivation counter value (advances it).</summary>
        public ulong NextCounter()
        {
            Counter++;
            return Counter;
        }

        /// <summary>Stores (or replaces) <paramref name="hostId"/>'s key; beyond capacity the oldest enrollment goes.</summary>
        public void Enroll(ulong hostId, ulong key0, ulong key1)
        {
            int slot = Find(hostId);
            if (slot < 0)
            {
                slot = 0;
                for (int i = 0; i < Capacity; i++)
                {
                    if (!_used[i])
                    {
                        slot = i;
                        break;
                    }

                    if (_enrolledOrder[i] < _enrolledOrder[slot])
                    {
                        slot = i;
                    }
                }
            }

            _used[slot] = true;
            _ids[slot] = hostId;
            _key0[slot] = key0;
            _key1[slot] = key1;
            _enrolledOrder[slot] = _nextOrder++;
        }

        /// <summary>True and the key when <paramref name="hostId"/> is enrolled.</summary>
        public bool TryGetKey(ulong hostId, out ulong key0, out ulong key1)
        {
            int slot = Find(hostId);
            key0 = slot < 0 ? 0 : _key0[slot];
            key1 = slot < 0 ? 0 : _key1[slot];
            return slot >= 0;
        }

        /// <summary>Writes the record (<see cref="EncodedBytes"/>) into <paramref name="buffer"/>.</summary>
        public void Encode(byte[] buffer)
        {
            LittleEndian.WriteUInt32(buffer, 0, Magic);
            buffer[4] = LayoutVersion;
            buffer[5] = Capacity;
            buffer[6] = 0;
            buffer[7] = 0;
            SipHash24.WriteUInt64(buffer, SecretOffset, Secret0);
            SipHash24.WriteUInt64(buffer, SecretOffset + 8, Secret1);
            SipHash24.WriteUInt64(buffer, CounterOffset, Counter);
            for (int i = 0; i < Capacity; i++)
            {
                int at = EntriesOffset + (i * EntryBytes);
                SipHash24.WriteUInt64(buffer, at, _ids[i]);
                SipHash24.WriteUInt64(buffer, at + 8, _key0[i]);
                SipHash24.WriteUInt64(buffer, at + 16, _key1[i]);
                LittleEndian.WriteUInt32(buffer, at + 24, _used[i] ? _enrolledOrder[i] : 0);
            }

            int crcAt = EncodedBytes - 4;
            LittleEndian.WriteUInt32(buffer, crcAt, Crc32.Compute(buffer, 0, crcAt));
        }

        /// <summary>Reads a record written by <see cref="Encode"/>; false (and nothing changed) when it is not one.</summary>
        public bool Decode(byte[] buffer, int length)
        {
            int crcAt = EncodedBytes - 4;
            if (buffer == null || length < EncodedBytes || LittleEndian.ReadUInt32(buffer, 0) != Magic
                || buffer[4] != LayoutVersion || buffer[5] != Capacity
                || LittleEndian.ReadUInt32(buffer, crcAt) != Crc32.Compute(buffer, 0, crcAt))
            {
                return false;
            }

            Secret0 = SipHash24.ReadUInt64(buffer, SecretOffset);
            Secret1 = SipHash24.ReadUInt64(buffer, SecretOffset + 8);
            Counter = SipHash24.ReadUInt64(buffer, CounterOffset);
            _nextOrder = 1;
            for (int i = 0; i < Capacity; i++)
            {
                int at = EntriesOffset + (i * EntryBytes);
                _ids[i] = SipHash24.ReadUInt64(buffer, at);
                _key0[i] = SipHash24.ReadUInt64(buffer, at + 8);
                _key1[i] = SipHash24.ReadUInt64(buffer, at + 16);
                _enrolledOrder[i] = LittleEndian.ReadUInt32(buffer, at + 24);
                _used[i] = _enrolledOrder[i] != 0;
                if (_enrolledOrder[i] >= _nextOrder)
                {
                    _nextOrder = _enrolledOrder[i] + 1;
                }
            }

            return true;
        }

        private int Find(ulong hostId)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_used[i] && _ids[i] == hostId)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
