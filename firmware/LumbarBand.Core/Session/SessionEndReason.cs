namespace LumbarBand.Core.Session
{
    /// <summary>Why a session ended. Values are stable: they are stored in the footer.</summary>
    public enum SessionEndReason : byte
    {
        /// <summary>Not known (no footer: power was lost, or storage ran full, before the session could end).</summary>
        Unknown = 0,

        /// <summary>No walking for the <see cref="Configuration.SettingId.SessionEndIdleSeconds"/> setting.</summary>
        Idle = 1,

        /// <summary>An explicit end on the band (a button gesture).</summary>
        Button = 2,

        /// <summary>The session reached <see cref="SessionRecorder.MaxSessionSeconds"/>; a new one continues if walking goes on.</summary>
        MaxLength = 3,

        /// <summary>The host erased the sessions or reset the band.</summary>
        Host = 4,
    }
}
