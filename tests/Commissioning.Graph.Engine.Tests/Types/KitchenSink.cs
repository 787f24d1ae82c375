namespace Commissioning.Graph.Engine.Tests.Types;

/// <summary>A schema using every kind of definition and extension, with graphql-js 16's printSchema output for it.</summary>
internal static class KitchenSink
{
    public const string Sdl = """"
"""
The schema
"""
directive @link(url: String) on SCHEMA
schema @link(url: "x") { query: Root mutation: Mut }
extend schema { subscription: Sub }

"Directive doc"
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | ENUM_VALUE | ARGUMENT_DEFINITION

scalar Date @specifiedBy(url: "https://example.com/date")
scalar JSON

"""
  A node
"""
interface Node { id: ID! }
interface Named implements Node { id: ID! name: String }

type Root @key(fields: "id") {
  "the node"
  node(id: ID!, "weird\narg" opt: Int = 3): Node
  old: String @deprecated
  older: String @deprecated(reason: "Use `new`.")
  search(term: String = "x" @deprecated, filter: Filter = {kind: A, limit: 5}): [Result!]!
}
extend type Root { when(at: Date = "2020-01-01", blob: JSON = "raw"): Date @policy(policies: [["a"]]) }

type Person implements Node & Named @key(fields: "id") @key(fields: "name") { id: ID! name: String }
type Mut { do(input: Choice!): Boolean }
type Sub { tick: Int }

union Result = Person
extend union Result = Org
type Org implements Node { id: ID! }

enum Kind { A "bee" B @deprecated(reason: "gone") }
extend enum Kind { C }

input Filter { kind: Kind = A, limit: Int = 10, ids: [ID!] = [1, "b"] }
extend input Filter { after: Date }
input Choice @oneOf { a: Int b: String }

"""Description with "quotes" at end\""" """
type Unused { x: Float }
"""";

    // printSchema(buildSchema(Sdl)) from graphql-js 16.
    public const string Printed = """"
schema {
  query: Root
  mutation: Mut
  subscription: Sub
}

"""The schema"""
directive @link(url: String) on SCHEMA

"""Directive doc"""
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE

directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | ENUM_VALUE | ARGUMENT_DEFINITION

scalar Date @specifiedBy(url: "https://example.com/date")

scalar JSON

"""A node"""
interface Node {
  id: ID!
}

interface Named implements Node {
  id: ID!
  name: String
}

type Root {
  """the node"""
  node(
    id: ID!

    """
    weird
    arg
    """
    opt: Int = 3
  ): Node
  old: String @deprecated
  older: String @deprecated(reason: "Use `new`.")
  search(term: String = "x" @deprecated, filter: Filter = { kind: A, limit: 5 }): [Result!]!
  when(at: Date = "2020-01-01", blob: JSON = "raw"): Date
}

type Person implements Node & Named {
  id: ID!
  name: String
}

type Mut {
  do(input: Choice!): Boolean
}

type Sub {
  tick: Int
}

union Result = Person | Org

type Org implements Node {
  id: ID!
}

enum Kind {
  A

  """bee"""
  B @deprecated(reason: "gone")
  C
}

input Filter {
  kind: Kind = A
  limit: Int = 10
  ids: [ID!] = [1, "b"]
  after: Date
}

input Choice @oneOf {
  a: Int
  b: String
}

"""Description with "quotes" at end\""" """
type Unused {
  x: Float
}
"""";
}
