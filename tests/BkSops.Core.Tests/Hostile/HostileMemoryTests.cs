using System;
using System.IO;
using System.Text;
using BkSops.Core.Tests.Generators;
using BkSops.Json;
using BkSops.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace BkSops.Core.Tests.Hostile
{
    /// <summary>
    /// Issue #13, the memory goal (peak under 6x the file size): reading a tree file costs a bounded multiple of its
    /// size. Counted as bytes allocated by this thread, which other tests running at the same time do not change.
    /// </summary>
    public sealed class HostileMemoryTests : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), "bksops-memory-" + Guid.NewGuid().ToString("N") + ".json");
        private readonly ITestOutputHelper output;

        public HostileMemoryTests(ITestOutputHelper output) => this.output = output;
        public void Dispose() => File.Delete(path);

        [Fact]
        public void ReadingAChainFileAllocatesLessThanFiveTimesItsSize()
        {
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
                JsonWriter.Write(ShapeGenerators.Chain(10000).Root, writer, indented: false);
            long size = new FileInfo(path).Length;

            PipelineReader.ReadFile(path); // the first read pays for loading code
            long before = GC.GetAllocatedBytesForCurrentThread();
            var tree = PipelineReader.ReadFile(path);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            output.WriteLine($"{size:N0} bytes read with {allocated:N0} bytes allocated ({(double)allocated / size:F2}x)");
            Assert.Equal(10000, tree.ActivityCount);
            // The model itself is about 3x the compact text; reading used to copy the file as bytes and as a string
            // (3x more) and grow every node's lists.
            Assert.InRange(allocated, size, 9 * size / 2);
        }
    }
}
