using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;

namespace LumbarBand.Host.Sessions;

/// <summary>The settings in force during a session, read from the snapshot the band records at its start.</summary>
public static class SessionSettings
{
    /// <summary>Every setting of Core's catalog as the session's snapshot gives it; empty when the bytes hold none.</summary>
    public static IReadOnlyList<SettingInForce> Read(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var content = new SessionContent();
        if (SessionDecoder.Decode(raw, 0, raw.Length, content) != SessionDecodeResult.Ok || content.SettingsLength == 0)
        {
            return [];
        }

        var snapshot = new byte[content.SettingsLength];
        content.CopySettings(snapshot, 0);
        var settings = new BandSettings();
        if (!SettingsCodec.Decode(snapshot, 0, snapshot.Length, settings, out _).IsOk)
        {
            return [];
        }

        var list = new List<SettingInForce>();
        for (int id = 1; id <= SettingCatalog.Count; id++)
        {
            if (SettingCatalog.TryGet(id, out SettingDefinition d))
            {
                list.Add(new SettingInForce(d.Name, settings.Get(d.Id), SettingCatalog.UnitSymbol(d.Unit), d.Default));
            }
        }

        return list;
    }
}
