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

    // Spec §3 type system rules, as graphql-js's validateSchema checks them.
    private static void ValidateSchema(Schema schema)
    {
        var errors = SchemaValidator.Validate(schema);
        if (errors.Count > 0) throw new GraphQLException(errors);
    }
}
