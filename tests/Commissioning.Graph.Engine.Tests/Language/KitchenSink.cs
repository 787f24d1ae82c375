namespace Commissioning.Graph.Engine.Tests.Language;

// Kitchen-sink documents (our own, commissioning-flavoured) and graphql-js 16.15's print() of each,
// captured with the reference tool.
internal static class KitchenSink
{
    public const string Query = """""
# Consortium financial returns, every executable construct at least once.
query FinancialReturns($consortium: ID!, $months: [Int!] = [1, 2, 3], $filter: ReturnFilter = {status: SUBMITTED, tags: ["a", "b"]}) @audited(reason: "statutory") {
  whoever: consortium(code: $consortium) {
    id
    ... on Consortium @include(if: true) {
      name
      practices(first: 10, after: null) @connection(key: "practices") {
        edges { node { id ...PracticeFields } }
      }
    }
    ...ConsortiumFields @skip(if: false)
    ... @defer { plan { year } }
    returns(months: $months, filter: $filter, weights: [1.5, -0.25e-3, 0], note: """
      Block string
        with indentation and "quotes" and \""" escaped
    """, escaped: "tab\there \u00e9 \u{1F600} \"q\" back\\slash", enumValue: PROGRAMME_BUDGET, obj: {nested: {deep: [[], {}]}}) {
      month
      total
    }
  }
}

mutation SubmitReturn($input: ReturnInput!) { submitReturn(input: $input) { id, status } }

subscription OnReturn { returnSubmitted { id } }

"Descriptions on fragments and operations are accepted (graphql-js 16.15)."
fragment ConsortiumFields on Consortium { code ...Nested }

fragment PracticeFields on Practice @cached { code listSize }

{ unnamed(aVeryLongArgumentName: "a very long string value that forces wrapping", another: 12345678) { x } }

query ($v: Int @deprecated, "described variable" $w: String) { a(v: $v, w: $w) }
""""";

    public const string PrintedQuery = """""
query FinancialReturns($consortium: ID!, $months: [Int!] = [1, 2, 3], $filter: ReturnFilter = { status: SUBMITTED, tags: ["a", "b"] }) @audited(reason: "statutory") {
  whoever: consortium(code: $consortium) {
    id
    ... on Consortium @include(if: true) {
      name
      practices(first: 10, after: null) @connection(key: "practices") {
        edges {
          node {
            id
            ...PracticeFields
          }
        }
      }
    }
    ...ConsortiumFields @skip(if: false)
    ... @defer {
      plan {
        year
      }
    }
    returns(
      months: $months
      filter: $filter
      weights: [1.5, -0.25e-3, 0]
      note: """
      Block string
        with indentation and "quotes" and \""" escaped
      """
      escaped: "tab\there é 😀 \"q\" back\\slash"
      enumValue: PROGRAMME_BUDGET
      obj: { nested: { deep: [[], {  }] } }
    ) {
      month
      total
    }
  }
}

mutation SubmitReturn($input: ReturnInput!) {
  submitReturn(input: $input) {
    id
    status
  }
}

subscription OnReturn {
  returnSubmitted {
    id
  }
}

"Descriptions on fragments and operations are accepted (graphql-js 16.15)."
fragment ConsortiumFields on Consortium {
  code
  ...Nested
}

fragment PracticeFields on Practice @cached {
  code
  listSize
}

{
  unnamed(
    aVeryLongArgumentName: "a very long string value that forces wrapping"
    another: 12345678
  ) {
    x
  }
}

query (
$v: Int @deprecated
"described variable"
$w: String
) {
  a(v: $v, w: $w)
}
""""";

    public const string Schema = """""
"""
The commissioning schema.
  Indented second line.
"""
schema @link(url: "https://specs.apollo.dev/federation/v2.6") {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

extend schema @extra { subscription: Subscription }

"A custom scalar"
scalar Money @specifiedBy(url: "https://example.org/money")

extend scalar Money @currency(code: "GBP")

"""
A consortium.
"""
type Consortium implements Node & Entity @key(fields: "code") {
  "The code"
  code: ID!
  """
  Monthly returns,
  filtered.
  """
  returns("Month numbers" months: [Int!] = [1, 2], filter: ReturnFilter = {status: SUBMITTED}): [FinancialReturn!]! @requiresScopes(scopes: [["read:finance"]])
  name(locale: String = "en-GB" @deprecated(reason: "unused")): String @deprecated
  practices(first: Int, after: String): [Practice]
}

type Query { consortium(code: ID!): Consortium }
type Mutation
type Subscription

extend type Consortium implements Auditable @shareable { auditTrail: [String] }

interface Node { id: ID! }
interface Entity implements Node { id: ID! }
extend interface Entity @tagged { tag: String }

union SearchResult @tagged = | Consortium | Practice
union Other = Consortium
extend union SearchResult = FinancialReturn

enum ReturnStatus { "Draft" DRAFT SUBMITTED @deprecated(reason: "use ACCEPTED") ACCEPTED }
extend enum ReturnStatus { REJECTED }

input ReturnFilter { status: ReturnStatus = DRAFT, "Tags" tags: [String!] @deprecated, nested: ReturnFilter }
extend input ReturnFilter { month: Int = 1 }

"Marks a disclosure"
directive @audited(reason: String = "x") repeatable on QUERY | MUTATION | FIELD
directive @long(
  "A described argument"
  a: Int
) on | FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE | SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SUBSCRIPTION
""""";

    public const string PrintedSchema = """""
"""
The commissioning schema.
  Indented second line.
"""
schema @link(url: "https://specs.apollo.dev/federation/v2.6") {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

extend schema @extra {
  subscription: Subscription
}

"A custom scalar"
scalar Money @specifiedBy(url: "https://example.org/money")

extend scalar Money @currency(code: "GBP")

"""A consortium."""
type Consortium implements Node & Entity @key(fields: "code") {
  "The code"
  code: ID!
  """
  Monthly returns,
  filtered.
  """
  returns(
    "Month numbers"
    months: [Int!] = [1, 2]
    filter: ReturnFilter = { status: SUBMITTED }
  ): [FinancialReturn!]! @requiresScopes(scopes: [["read:finance"]])
  name(locale: String = "en-GB" @deprecated(reason: "unused")): String @deprecated
  practices(first: Int, after: String): [Practice]
}

type Query {
  consortium(code: ID!): Consortium
}

type Mutation

type Subscription

extend type Consortium implements Auditable @shareable {
  auditTrail: [String]
}

interface Node {
  id: ID!
}

interface Entity implements Node {
  id: ID!
}

extend interface Entity @tagged {
  tag: String
}

union SearchResult @tagged = Consortium | Practice

union Other = Consortium

extend union SearchResult = FinancialReturn

enum ReturnStatus {
  "Draft"
  DRAFT
  SUBMITTED @deprecated(reason: "use ACCEPTED")
  ACCEPTED
}

extend enum ReturnStatus {
  REJECTED
}

input ReturnFilter {
  status: ReturnStatus = DRAFT
  "Tags"
  tags: [String!] @deprecated
  nested: ReturnFilter
}

extend input ReturnFilter {
  month: Int = 1
}

"Marks a disclosure"
directive @audited(reason: String = "x") repeatable on QUERY | MUTATION | FIELD

directive @long(
  "A described argument"
  a: Int
) on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE | SCHEMA | SCALAR | OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | SUBSCRIPTION
""""";
}
