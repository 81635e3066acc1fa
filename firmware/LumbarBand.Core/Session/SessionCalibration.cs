using LumbarBand.Core.Storage;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The band's calibration as a session stores it (19 bytes): which parts are known, the neutral posture (gravity
    /// while standing still) and the body frame's vertical and forward axes, all Q14 unit vectors in the sensor's axes
    /// (16384 = 1.0; the lateral axis is vertical × forward).
    /// <code>
    ///  0 flags:u8   bit 0 neutral captured · bit 1 vertical known · bit 2 forward known
    ///  1 neutralX:i16  3 neutralY:i16  5 neutralZ:i16
    ///  7 verticalX:i16 9 verticalY:i16 11 verticalZ:i16
    /// 13 forwardX:i16 15 forwardY:i16 17 forwardZ:i16
    /// </code>
    /// </summary>
    public sealed class SessionCalibration
    {
        /// <summary>Bytes of the encoded block.</summary>
        public const int EncodedLength = 19;

        /// <summary>Flags bit: a neutral posture has been captured.</summary>
        public const int FlagNeutralCaptured = 0x01;

        /// <summary>Flags bit: the body frame's vertical is known.</summary>
        public const int FlagVerticalKnown = 0x02;

        /// <summary>Flags bit: the body frame's forward axis is known.</summary>
        public const int FlagForwardKnown = 0x04;

        private const int FlagsOffset = 0;
        private const int NeutralOffset = 1;
        private const int VerticalOffset = 7;
        private const int ForwardOffset = 13;
        private const int Int16Bytes = 2;

        /// <summary>Bits <see cref="FlagNeutralCaptured"/>, <see cref="FlagVerticalKnown"/>, <see cref="FlagForwardKnown"/>.</summary>
        public int Flags;

        /// <summary>Neutral gravity direction, sensor x, Q14.</summary>
        public int NeutralX;

        /// <summary>Neutral gravity direction, sensor y, Q14.</summary>
        public int NeutralY;

        /// <summary>Neutral gravity direction, sensor z, Q14.</summary>
        public int NeutralZ;

        /// <summary>Body vertical, sensor x, Q14.</summary>
        public int VerticalX;

        /// <summary>Body vertical, sensor y, Q14.</summary>
        public int VerticalY;

        /// <summary>Body vertical, sensor z, Q14.</summary>
        public int VerticalZ;

        /// <summary>Body forward axis, sensor x, Q14.</summary>
        public int ForwardX;

        /// <summary>Body forward axis, sensor y, Q14.</summary>
        public int ForwardY;

        /// <summary>Body forward axis, sensor z, Q14.</summary>
        public int ForwardZ;

        /// <summary>Takes the current neutral posture and body frame.</summary>
        public void Capture(NeutralPosture neutral, BodyFrame frame)
        {
            Flags = 0;
            NeutralX = NeutralY = NeutralZ = 0;
            VerticalX = VerticalY = VerticalZ = 0;
            ForwardX = ForwardY = ForwardZ = 0;
            if (neutral != null && neutral.IsCaptured)
            {
                Flags |= FlagNeutralCaptured;
                NeutralX = neutral.UpXQ14;
                NeutralY = neutral.UpYQ14;
                NeutralZ = neutral.UpZQ14;
            }

            if (frame != null && frame.IsVerticalKnown)
            {
                Flags |= FlagVerticalKnown;
                VerticalX = frame.VerticalXQ14;
                VerticalY = frame.VerticalYQ14;
                VerticalZ = frame.VerticalZQ14;
            }

            if (frame != null && frame.IsForwardKnown)
            {
                Flags |= FlagForwardKnown;
                ForwardX = frame.ForwardXQ14;
                ForwardY = frame.ForwardYQ14;
                ForwardZ = frame.ForwardZQ14;
            }
        }

        /// <summary>Writes the block at <paramref name="index"/>; returns <see cref="EncodedLength"/>.</summary>
        public int Encode(byte[] buffer, int index)
        {
            buffer[index + FlagsOffset] = (byte)Flags;
            WriteVector(buffer, index + NeutralOffset, NeutralX, NeutralY, NeutralZ);
            WriteVector(buffer, index + VerticalOffset, VerticalX, VerticalY, VerticalZ);
            WriteVector(buffer, index + ForwardOffset, ForwardX, ForwardY, ForwardZ);
            return EncodedLength;
        }

        /// <summary>Reads the block at <paramref name="index"/> (the caller checked the bytes are there).</summary>
        public void Decode(byte[] buffer, int index)
        {
            Flags = buffer[index + FlagsOffset];
            NeutralX = LittleEndian.ReadInt16(buffer, index + NeutralOffset);
            NeutralY = LittleEndian.ReadInt16(buffer, index + NeutralOffset + Int16Bytes);
            NeutralZ = LittleEndian.ReadInt16(buffer, index + NeutralOffset + (2 * Int16Bytes));
            VerticalX = LittleEndian.ReadInt16(buffer, index + VerticalOffset);
            VerticalY = LittleEndian.ReadInt16(buffer, index + VerticalOffset + Int16Bytes);
            VerticalZ = LittleEndian.ReadInt16(buffer, index + VerticalOffset + (2 * Int16Bytes));
            ForwardX = LittleEndian.ReadInt16(buffer, index + ForwardOffset);
            ForwardY = LittleEndian.ReadInt16(buffer, index + ForwardOffset + Int16Bytes);
            ForwardZ = LittleEndian.ReadInt16(buffer, index + ForwardOffset + (2 * Int16Bytes));
        }

        /// <summary>Copies every field of <paramref name="other"/>.</summary>
        public void CopyFrom(SessionCalibration other)
        {
            if (other == null)
            {
                throw new System.ArgumentException("must not be null", nameof(other));
            }

            Flags = other.Flags;
            NeutralX = other.NeutralX;
            NeutralY = other.NeutralY;
            NeutralZ = other.NeutralZ;
            VerticalX = other.VerticalX;
            VerticalY = other.VerticalY;
            VerticalZ = other.VerticalZ;
            ForwardX = other.ForwardX;
            ForwardY = other.ForwardY;
            ForwardZ = other.ForwardZ;
        }

        /// <summary>Q14 unit-vector components lie in ±16384, so the 16-bit field never overflows.</summary>
        private static void WriteVector(byte[] buffer, int index, int x, int y, int z)
        {
            LittleEndian.WriteUInt16(buffer, index, x);
            LittleEndian.WriteUInt16(buffer, index + Int16Bytes, y);
            LittleEndian.WriteUInt16(buffer, index + (2 * Int16Bytes), z);
        }
    }
}
