namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// The boot scan. Reads every segment header, empties segments whose header is torn or foreign garbage, scans the
    /// newest segment record by record and truncates it after the last record that verifies (CRC and the expected
    /// sequence number), then rebuilds the log's state: next sequence number, newest session and whether it is open,
    /// and the acknowledgement watermark. Older segments are not scanned: they were committed before the newest one was
    /// opened, and every read verifies each record anyway. docs/storage.md, "Recovery", walks through each power cut.
    /// </summary>
    internal sealed class LogRecovery
    {
        /// <summary>Sequence number the next record will get.</summary>
        public uint NextSequence;

        /// <summary>The newest session id started (0: none).</summary>
        public uint LastSessionId;

        /// <summary>Whether session <see cref="LastSessionId"/> is open.</summary>
        public bool SessionOpen;

        /// <summary>The acknowledgement watermark found on flash.</summary>
        public uint AcknowledgedThrough;

        /// <summary>The segment being written (<see cref="SegmentTable.None"/> when the log is empty).</summary>
        public int ActiveSegment;

        /// <summary>False when some segment holds a valid header of another format version: then nothing was changed.</summary>
        public bool FormatSupported;

        /// <summary>Bytes cut off the newest segment's torn tail.</summary>
        public int TornBytes;

        /// <summary>Segments emptied because their header did not verify.</summary>
        public int ErasedSegments;

        /// <summary>Runs the scan over <paramref name="storage"/>, filling <paramref name="table"/>; <paramref name="buffer"/> holds one record.</summary>
        public void Run(IRecordStorage storage, SegmentTable table, byte[] buffer)
        {
            NextSequence = 1;
            LastSessionId = 0;
            SessionOpen = false;
            AcknowledgedThrough = 0;
            ActiveSegment = SegmentTable.None;
            FormatSupported = true;
            TornBytes = 0;
            ErasedSegments = 0;

            if (!ReadHeaders(storage, table, buffer))
            {
                FormatSupported = false;
                return;
            }

            bool changed = EraseInvalid(storage, table);
            int newest = table.Newest();
            if (newest != SegmentTable.None)
            {
                changed |= ScanNewest(storage, table, newest, buffer);
                ActiveSegment = newest;
            }

            // Whatever survived is now the log: make the truncations durable before anything is appended after them.
            if (changed)
            {
                storage.Commit();
            }
        }

        /// <summary>Fills the table from the headers; false if a header of another format version was found.</summary>
        private static bool ReadHeaders(IRecordStorage storage, SegmentTable table, byte[] buffer)
        {
            bool supported = true;
            for (int s = 0; s < table.Count; s++)
            {
                table.Clear(s);
                int length = storage.GetLength(s);
                if (length == 0)
                {
                    continue;
                }

                SegmentHeader header;
                DecodeResult result = RecordScanner.ReadSegmentHeader(storage, s, buffer, out header);
                if (result == DecodeResult.Ok)
                {
                    table.Set(s, header, length);
                }
                else if (result == DecodeResult.UnsupportedVersion)
                {
                    supported = false;
                }
                else
                {
                    // Torn or garbage header: marked by a non-zero length on an invalid entry, emptied below.
                    table.SetLength(s, length);
                }
            }

            return supported;
        }

        /// <summary>Empties every non-empty segment without a valid header; true if any was.</summary>
        private bool EraseInvalid(IRecordStorage storage, SegmentTable table)
        {
            bool changed = false;
            for (int s = 0; s < table.Count; s++)
            {
                if (!table.IsValid(s) && table.Length(s) > 0)
                {
                    storage.Truncate(s, 0);
                    table.Clear(s);
                    ErasedSegments++;
                    changed = true;
                }
            }

            return changed;
        }

        /// <summary>Walks the newest segment, takes its state, and truncates what follows its last good record; true if it truncated.</summary>
        private bool ScanNewest(IRecordStorage storage, SegmentTable table, int segment, byte[] buffer)
        {
            SegmentHeader header;
            RecordScanner.ReadSegmentHeader(storage, segment, buffer, out header);
            uint expected = header.FirstSequence;
            uint lastSession = header.LastSessionId;
            bool open = header.SessionOpen;
            uint acknowledged = header.AcknowledgedThrough;

            int end = table.Length(segment);
            int offset = SegmentHeader.EncodedLength;
            RecordHeader record;
            while (RecordScanner.Read(storage, segment, offset, end, buffer, out record) == DecodeResult.Ok && record.Sequence == expected)
            {
                if (RecordTypes.IsControl(record.Type))
                {
                    uint session = RecordCodec.ReadControlSessionId(buffer, 0);
                    if (record.Type == RecordTypes.SessionStart)
                    {
                        lastSession = session;
                        open = true;
                    }
                    else if (record.Type == RecordTypes.SessionEnd)
                    {
                        open = false;
                    }
                    else if (session > acknowledged)
                    {
                        acknowledged = session;
                    }
                }

                offset += record.EncodedLength;
                expected++;
            }

            NextSequence = expected;
            LastSessionId = lastSession;
            SessionOpen = open;
            AcknowledgedThrough = acknowledged;
            if (offset == end)
            {
                return false;
            }

            storage.Truncate(segment, offset);
            table.SetLength(segment, offset);
            TornBytes = end - offset;
            return true;
        }
    }
}
