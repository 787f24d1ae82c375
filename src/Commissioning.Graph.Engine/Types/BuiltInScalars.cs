namespace Commissioning.Graph.Engine.Types;

/// <summary>The built-in scalars (spec §3.5): Int, Float, String, Boolean, ID, with the spec's
/// input and result coercion as graphql-js 16 applies it.</summary>
public static class BuiltInScalars
{
    // HELPER(types): fill in Serialize / ParseValue / ParseLiteral with graphql-js 16 semantics.
    public static readonly ScalarType Int = new("Int") { IsBuiltIn = true, Description = "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1." };
    public static readonly ScalarType Float = new("Float") { IsBuiltIn = true, Description = "The `Float` scalar type represents signed double-precision fractional values as specified by [IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point)." };
    public static readonly ScalarType String = new("String") { IsBuiltIn = true, Description = "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text." };
    public static readonly ScalarType Boolean = new("Boolean") { IsBuiltIn = true, Description = "The `Boolean` scalar type represents `true` or `false`." };
    public static readonly ScalarType ID = new("ID") { IsBuiltIn = true, Description = "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as `4`) input value will be accepted as an ID." };

    public static readonly IReadOnlyList<ScalarType> All = new[] { String, Int, Float, Boolean, ID };

    public static ScalarType? Find(string name) => name switch
    {
        "Int" => Int, "Float" => Float, "String" => String, "Boolean" => Boolean, "ID" => ID, _ => null,
    };
}
