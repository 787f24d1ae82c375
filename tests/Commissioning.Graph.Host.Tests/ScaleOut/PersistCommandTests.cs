using Commissioning.Graph.Engine;
using Commissioning.Graph.Host.Commands;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary><c>persist</c>: documents published ahead of time for <c>Required</c> mode, only when they validate.</summary>
public sealed class PersistCommandTests
{
    [Fact]
    public async Task Valid_documents_are_written_under_their_hash_and_an_invalid_one_fails_the_verb_and_writes_nothing()
    {
        var dir = Directory.CreateTempSubdirectory("persist-test");
        try
        {
            var good = Path.Combine(dir.FullName, "good.graphql");
            await File.WriteAllTextAsync(good, "query Name { consortium(code: \"01A\") { name } }");
            var manifest = Path.Combine(dir.FullName, "app.json");
            await File.WriteAllTextAsync(manifest, """{ "codes": "{ consortia(first: 2) { nodes { code } } }" }""");
            var bad = Path.Combine(dir.FullName, "bad.graphql");
            await File.WriteAllTextAsync(bad, "{ consortium(code: \"01A\") { noSuchField } }");
            var published = Path.Combine(dir.FullName, "published");

            Assert.Equal(1, await PersistCommand.RunAsync([good, bad, "--out", published]));
            Assert.False(Directory.Exists(published) && Directory.EnumerateFiles(published).Any());

            Assert.Equal(0, await PersistCommand.RunAsync([good, manifest, "--out", published]));
            var files = Directory.EnumerateFiles(published).Select(Path.GetFileName).Order().ToList();
            var expected = new[] { await File.ReadAllTextAsync(good), "{ consortia(first: 2) { nodes { code } } }" }
                .Select(t => PreparedDocument.ComputeHash(t)["sha256:".Length..] + ".graphql").Order().ToList();
            Assert.Equal(expected, files);
            // The folder is what serve reads in Required mode: its own check accepts every file.
            Assert.Equal(2, new Commissioning.Graph.Server.PersistedDocuments.FilePersistedDocumentStore(published).Count);
        }
        finally { dir.Delete(recursive: true); }
    }
}
