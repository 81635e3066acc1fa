namespace LumbarBand.Host.Store;

/// <summary>One step of the schema: the version it makes, why, and the SQL that makes it from the version before.</summary>
/// <param name="Version">The schema version after this step (1, 2, …).</param>
/// <param name="Description">What the step adds.</param>
/// <param name="Sql">Statements run in one transaction with the version update.</param>
public sealed record StoreMigration(int Version, string Description, string Sql);
