using LumbarBand.Analysis.Scoring;

namespace LumbarBand.Tools.Tests.Scoring;

/// <summary>Reads a reference record written inline in a test, through a temporary file as the tools read them.</summary>
internal static class ReferenceJson
{
    /// <summary>The reference record that <paramref name="json"/> describes.</summary>
    public static ReferenceRecording Read(string json)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ref-{Guid.NewGuid():N}.reference.json");
        File.WriteAllText(path, json);
        try
        {
            return ReferenceRecording.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
