namespace Commissioning.Graph.Engine.Types;

public sealed partial class SchemaBuilder
{
    /// <summary>
    /// Starts from an SDL document (built by <c>SdlSchemaBuilder.Build</c>); resolvers, type
    /// resolvers and scalar coercion are then bound by schema coordinate
    /// (<c>.Resolve("Query.consortium", ctx =&gt; ...)</c>). Types cannot be declared in C# as well.
    /// </summary>
    public static SchemaBuilder FromSdl(string sdl) => new(sdl);

    // PENDING(types-sdl): replaced by SdlSchemaBuilder.Build(sdl) once it is merged.
    private static Schema BuildFromSdl(string sdl) =>
        throw new NotSupportedException("SchemaBuilder.FromSdl needs SdlSchemaBuilder (types-sdl), which is not merged yet.");

    // PENDING(types-sdl): SchemaValidator.Validate(schema) once it is merged.
    private static void ValidateSchema(Schema schema) { }
}
