namespace Commissioning.Graph.Host.Graph;

/// <summary>
/// The definitions every module relies on and none defines: scalars, the <c>Node</c> and
/// <c>Organisation</c> interfaces, paging and error types, and the federation and authorisation
/// directives (Apollo Federation 2.6 spellings; scope and policy names are plain strings here).
/// </summary>
public static class SharedSchema
{
    public const string Sdl = """
        "An ISO 8601 calendar date, e.g. \"2013-04-01\"."
        scalar Date

        "An ISO 8601 instant in UTC, e.g. \"2013-04-01T09:30:00Z\"."
        scalar DateTime

        "An exact decimal amount, serialised as a JSON string (\"419000000.00\"); accepts a string or a number."
        scalar Decimal

        "An object with a globally unique id (Global Object Identification); fetch it again with Query.node."
        interface Node {
          "Opaque, globally unique id."
          id: ID!
        }

        "A body of the commissioning system."
        interface Organisation {
          "ODS or ONS code; the federation key."
          code: ID!
          name: String!
          kind: OrganisationKind!
        }

        "What kind of body an organisation is."
        enum OrganisationKind {
          NHS_COMMISSIONING_BOARD
          CONSORTIUM
          GP_PRACTICE
          LOCAL_AUTHORITY
          HEALTH_AND_WELLBEING_BOARD
          PROVIDER
          "A commissioning support organisation, acting for consortia under support arrangements (policy `supportFor`)."
          COMMISSIONING_SUPPORT
        }

        "Relay connection paging information."
        type PageInfo {
          hasNextPage: Boolean! @authenticated
          hasPreviousPage: Boolean! @authenticated
          startCursor: String @authenticated
          endCursor: String @authenticated
        }

        "A problem with a mutation's input, for the client to show; path names the input field."
        type UserError {
          message: String! @authenticated
          path: [String!] @authenticated
          code: String! @authenticated
        }

        directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
        directive @external on FIELD_DEFINITION | OBJECT
        directive @shareable repeatable on OBJECT | FIELD_DEFINITION
        directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
        directive @cost(weight: String!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
        directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

        "JSNA indicator counts: 1–7 suppressed, other sub-national counts rounded to the nearest 5 (enforced by the authorisation layer)."
        directive @suppressSmallNumbers on FIELD_DEFINITION
        """;
}
