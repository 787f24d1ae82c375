using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Introspection;
using Commissioning.Graph.Engine.Language;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Engine.Tests.Introspection;

/// <summary>
/// Introspection runs with few allocations: its fields resolve from the source alone, without a
/// resolve context per field, and leaf fields get a response path only when they fail. Measured on
/// the executing thread (introspection completes synchronously), so the figure is exact, not timed.
/// </summary>
public class IntrospectionAllocationTests
{
    private static readonly Schema Sample = SdlSchemaBuilder.Build(SampleSchemaReference.Sdl);
    private static readonly DocumentNode Query = Parser.Parse(IntrospectionQuery.Text);

    private static long AllocatedBytes()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = Executor.ExecuteAsync(new ExecutionRequest { Schema = Sample, Document = Query });
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(task.IsCompletedSuccessfully, "introspection is expected to complete synchronously");
        Assert.Null(task.Result.Errors);
        return after - before;
    }

    [Fact]
    public void Full_introspection_allocates_within_its_budget()
    {
        AllocatedBytes(); // plans and caches are built by the first execution
        var bytes = AllocatedBytes();
        Assert.True(bytes < 80_000, $"introspection of the sample schema allocated {bytes:N0} bytes");
    }
}
