using System;
using System.Linq;
using System.Reflection;
using BkSops.Json;
using BkSops.Model;
using BkSops.Validation;
using Xunit;

namespace BkSops.Core.Tests.Validation
{
    /// <summary>
    /// The working copy: only the Writable* methods give something that changes it, each copies first what it lets
    /// change, and what it tells about the changes is what reads computed on the tree as given rely on.
    /// </summary>
    public class ValidationContextTests
    {
        private static readonly string[] Converge = { "converge_gateway_id" };

        private static ValidationContext NewContext()
        {
            var root = (JsonObject)JsonReader.Parse("{\"gateways\": {\"g1\": {\"id\": \"g1\", \"incoming\": [\"f1\"]}}, \"flows\": {}}");
            return new ValidationContext(new PipelineTree(root), null);
        }

        [Fact]
        public void AnUnchangedCopyDiffersInNothing()
        {
            var context = NewContext();
            Assert.True(context.DiffersFromTreeOnlyIn(new string[0]));
            Assert.True(context.Work.IsViewOf(context.TreeAsGiven.ForReading));
        }

        [Fact]
        public void ChangesThatNameTheirFieldAreTold()
        {
            var context = NewContext();
            var gateways = context.WritableField("gateways", "converge_gateway_id");
            Assert.NotNull(gateways);
            gateways.Value.Set("g1", 0, new JsonString("c1"));
            Assert.True(context.DiffersFromTreeOnlyIn(Converge));
            Assert.False(context.DiffersFromTreeOnlyIn(new string[0]));
            Assert.False(context.Work.IsViewOf(context.TreeAsGiven.ForReading));
            Assert.Equal("c1", ((JsonString)((JsonObject)((JsonObject)context.Work["gateways"])["g1"])["converge_gateway_id"]).Value);
            Assert.False(((JsonObject)((JsonObject)context.TreeAsGiven["gateways"])["g1"]).ContainsKey("converge_gateway_id"));
        }

        [Fact]
        public void AFieldWriterFindsAnEntryThatMovedAndRefusesOneThatIsNoDict()
        {
            var context = new ValidationContext(new PipelineTree((JsonObject)JsonReader.Parse("{\"gateways\": {\"g1\": {}, \"g2\": 1}}")), null);
            var gateways = context.WritableField("gateways", "converge_gateway_id").Value;
            gateways.Set("g1", 1, new JsonString("c1"));
            Assert.Equal("{\"g1\":{\"converge_gateway_id\":\"c1\"},\"g2\":1}", JsonWriter.Write(context.Work["gateways"], false));
            Assert.Throws<InvalidOperationException>(() => gateways.Set("g2", 1, new JsonString("c1")));
            Assert.Null(new ValidationContext(new PipelineTree(new JsonObject()), null).WritableField("gateways", "converge_gateway_id"));
            // Once the whole tree is copied, the writer's section is no longer the working copy's: it refuses rather than lose the write.
            context.WritableWork();
            Assert.Throws<InvalidOperationException>(() => gateways.Set("g1", 0, new JsonString("c2")));
        }

        [Theory]
        [InlineData("sections")]
        [InlineData("root")]
        [InlineData("whole")]
        public void AnyOtherChangeCountsAsAnything(string how)
        {
            var context = NewContext();
            context.WritableField("gateways", "converge_gateway_id");
            switch (how)
            {
                case "sections": context.WritableSections("flows"); break;
                case "root": context.WritableSections(); break;
                default: context.WritableWork(); break;
            }
            Assert.False(context.DiffersFromTreeOnlyIn(Converge));
            context.WritableField("gateways", "converge_gateway_id");
            Assert.False(context.DiffersFromTreeOnlyIn(Converge));
        }

        [Fact]
        public void WritableSectionsOwnsTheRootAndTheEntriesOfTheSectionsOnly()
        {
            var context = NewContext();
            var given = context.TreeAsGiven.ForReading;
            var copy = context.WritableSections("gateways");
            Assert.NotSame(given, copy);
            Assert.True(context.Work.IsViewOf(copy));
            Assert.NotSame(given["gateways"], copy["gateways"]);
            Assert.NotSame(((JsonObject)given["gateways"])["g1"], ((JsonObject)copy["gateways"])["g1"]);
            // Below the entries the copy still shares: lists are replaced, never edited in place.
            Assert.Same(((JsonObject)((JsonObject)given["gateways"])["g1"])["incoming"], ((JsonObject)((JsonObject)copy["gateways"])["g1"])["incoming"]);
            Assert.Same(given["flows"], copy["flows"]);
        }

        /// <summary>The view the stages read the working copy through has nothing that changes what it shows.</summary>
        [Fact]
        public void TheWorkingCopyAsReadHasNoMemberThatChangesIt()
        {
            var view = typeof(ReadOnlyJsonObject);
            Assert.Equal(view, typeof(ValidationContext).GetProperty(nameof(ValidationContext.Work)).PropertyType);
            Assert.Equal(view, typeof(ValidationContext).GetProperty(nameof(ValidationContext.TreeAsGiven)).PropertyType);
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            Assert.True(view.IsValueType && view.GetFields(all).All(f => f.IsInitOnly), "ReadOnlyJsonObject is a readonly struct.");
            Assert.All(view.GetProperties(all), p => Assert.Null(p.SetMethod));
            // Its own methods only read (property getters aside); only ForReading gives the object itself, inside the assembly.
            var methods = view.GetMethods(all).Where(m => !m.IsSpecialName).Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(new[] { "ContainsKey", "IsViewOf", "ToString", "TryGetValue" }, methods);
            var mutable = view.GetProperties(all).Where(p => typeof(JsonNode).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(JsonNode)).Select(p => p.Name);
            Assert.Equal(new[] { "ForReading" }, mutable);
            Assert.True(view.GetProperty("ForReading", all).GetMethod.IsAssembly);
        }

        /// <summary>
        /// What the context gives that can change JSON (an object, an array, or a writer of one) comes from a Writable*
        /// method, so every change goes through the copying and the bookkeeping they do.
        /// </summary>
        [Fact]
        public void OnlyTheWritableMethodsGiveSomethingThatChanges()
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            bool Changes(Type t)
            {
                t = Nullable.GetUnderlyingType(t) ?? t;
                return t == typeof(JsonObject) || t == typeof(JsonArray) || t == typeof(JsonNode) || t.Name == "EntryFieldWriter";
            }
            var givers = typeof(ValidationContext).GetMethods(all).Where(m => Changes(m.ReturnType)).Select(m => m.Name)
                .Concat(typeof(ValidationContext).GetProperties(all).Where(p => Changes(p.PropertyType)).Select(p => p.Name))
                .Distinct().OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(new[] { "CopyEntries", "WritableField", "WritableSections", "WritableWork" }, givers);
            Assert.True(typeof(ValidationContext).GetMethod("CopyEntries", all).IsPrivate);
            Assert.True(typeof(ValidationContext).GetFields(all).Where(f => Changes(f.FieldType)).All(f => f.IsPrivate));
            // The field writer sets its one field and reads the rest through the read-only view.
            var writer = typeof(ValidationContext).GetMethod(nameof(ValidationContext.WritableField), all).ReturnType;
            writer = Nullable.GetUnderlyingType(writer) ?? writer;
            Assert.Equal(new[] { "Entries" }, writer.GetProperties(all).Select(p => p.Name));
            Assert.Equal(typeof(ReadOnlyJsonObject), writer.GetProperty("Entries").PropertyType);
            Assert.Equal(new[] { "Set" }, writer.GetMethods(all).Where(m => !m.IsSpecialName).Select(m => m.Name));
        }
    }
}
