using System;
using System.IO;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// A tiny file on I:\ that survives the restart after a fault: how many faults in a row happened soon after boot,
    /// and the last one's source and exception type, so repeated crashes back off instead of looping, and a developer can
    /// see what happened (the session log records sessions, not crashes). Format: 4 bytes, [count][source][0][0],
    /// followed by the exception type name in ASCII. Written only on faults and after a healthy first ten minutes.
    /// </summary>
    internal static class FaultRecord
    {
        /// <summary>Where the record lives.</summary>
        public const string Path = "I:\\lbfault.bin";

        /// <summary>Faults in a row, each within <see cref="HealthyAfterMs"/> of boot, seen at start-up.</summary>
        public static int ReadRecentFaultCount()
        {
            try
            {
                if (!File.Exists(Path))
                {
                    return 0;
                }

                FileStream stream = new FileStream(Path, FileMode.Open, FileAccess.Read);
                try
                {
                    byte[] header = new byte[4];
                    return stream.Read(header, 0, 4) == 4 ? header[0] : 0;
                }
                finally
                {
                    stream.Dispose();
                }
            }
            catch (Exception)
            {
                return 0;
            }
        }

        /// <summary>A run counts as healthy (and clears the count) after this long without a fault.</summary>
        public const int HealthyAfterMs = 10 * 60 * 1000;

        /// <summary>Records a fault: the count goes up by one (to 255 at most).</summary>
        public static void Write(int previousCount, FaultSource source, Exception fault)
        {
            try
            {
                string type = fault == null ? string.Empty : fault.GetType().FullName;
                byte[] record = new byte[4 + type.Length];
                record[0] = (byte)(previousCount >= 255 ? 255 : previousCount + 1);
                record[1] = (byte)source;
                for (int i = 0; i < type.Length; i++)
                {
                    char c = type[i];
                    record[4 + i] = (byte)(c < 128 ? c : '?');
                }

                FileStream stream = new FileStream(Path, FileMode.Create, FileAccess.Write);
                try
                {
                    stream.Write(record, 0, record.Length);
                }
                finally
                {
                    stream.Dispose();
                }
            }
            catch (Exception)
            {
                // Nothing more to do: the restart must still happen.
            }
        }

        /// <summary>Clears the count after a healthy run.</summary>
        public static void Clear()
        {
            try
            {
                File.Delete(Path);
            }
            catch (Exception)
            {
                // Not fatal: the next fault just backs off once more than needed.
            }
        }
    }
}
