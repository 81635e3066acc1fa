namespace LumbarBand.Host.Export;

/// <summary>File formats of <c>lumbarband export</c>.</summary>
public enum ExportFormat
{
    /// <summary>Two CSV files: one row per epoch, one row per event.</summary>
    Csv,

    /// <summary>One JSON document: sessions with their totals, epochs and events.</summary>
    Json,
}
