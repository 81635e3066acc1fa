using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// What <see cref="BandPort"/> needs from the firmware around Core (on a PC, from the virtual band or a test): the
    /// clock, the board's identity, whether it has a motor, charging and pairing state, faults, and where settings are
    /// persisted. Nothing here reaches <see cref="Band"/> (the band's owner applies settings and plays test cues:
    /// <see cref="Runtime.BandCommandReceiver"/>). Every member is quick; none may block for long.
    /// </summary>
    public interface IBandPortHost
    {
        /// <summary>Device uptime now, microseconds (the clock IMU samples are stamped with).</summary>
        long UptimeUs { get; }

        /// <summary>True when the board has a vibration motor.</summary>
        bool HasMotor { get; }

        /// <summary>True while the battery charges.</summary>
        bool IsCharging { get; }

        /// <summary>True while the pairing window (three quick presses) is open.</summary>
        bool IsPairingWindowOpen { get; }

        /// <summary>
        /// Faults the band carries on through (<see cref="Protocol.StatusMessage.FaultStorage"/>,
        /// <see cref="Protocol.StatusMessage.FaultImu"/>), shown in the status's conditions byte; 0 when none.
        /// </summary>
        byte Faults { get; }

        /// <summary>Fills the firmware version, hardware revision, serial number and capabilities of <paramref name="info"/>.</summary>
        void FillIdentity(DeviceInfo info);

        /// <summary>
        /// Stores <paramref name="count"/> bytes of encoded settings (<see cref="SettingsCodec"/>) durably, replacing the
        /// previous ones; false when that failed (the previous ones must then still be there).
        /// </summary>
        bool PersistSettings(byte[] encoded, int count);

    }
}
