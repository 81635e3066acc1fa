namespace LumbarBand.Core.Session
{
    /// <summary>What a <see cref="SessionOutboxEntry"/> asks the <see cref="SessionWriter"/> to do with the record log.</summary>
    public enum SessionOperation : byte
    {
        /// <summary>Nothing (an empty entry).</summary>
        None = 0,

        /// <summary>Start a session in the log (its header follows as the next entry).</summary>
        StartSession = 1,

        /// <summary>Append the entry's record to the open session.</summary>
        Append = 2,

        /// <summary>End the open session (its footer came as the entry before).</summary>
        EndSession = 3,
    }
}
