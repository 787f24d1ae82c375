namespace Commissioning.Graph.Engine.Types;

public sealed partial class SchemaBuilder
{
    /// <summary>
    /// Starts from an SDL document (built by <see cref="SdlSchemaBuilder.Build(string)"/>); resolvers, type
    /// resolvers and scalar coercion are then bound by schema coordinate
    /// (<c>.Resolve("Query.consortium", ctx =&gt; ...)</c>). Types cannot be declared in C# as well.
    /// </summary>
    public static SchemaBuilder FromSdl(string sdl) => new(sdl);

    private static Schema BuildFromSdl(string sdl) => SdlSchemaBuilder.Build(sdl);

    // Type system validation (spec §3); throws GraphQLException with every error.
    private static void ValidateSchema(Schema schema) => SchemaValidator.AssertValid(schema);
}
