using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Model;

public sealed class JsonMapTests
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["a:b","a:c"],"Condition":{"NumericLessThan":{"age":3600},"Bool":{"mfa":false},"NumericGreaterThan":{"ratio":0.5}}}]}""";

    [Fact]
    public void A_map_holds_the_members_in_order_as_plain_values_and_its_text_is_the_same_json()
    {
        var map = JsonMap.From(JsonNode.Parse(Policy)!.AsObject());

        Assert.Equal(new object[] { "Version", "Statement" }, map.Keys.Cast<object>());
        var statement = Assert.IsType<JsonMap>(Assert.IsType<object[]>(map["Statement"]).Single());
        Assert.Equal(new object[] { "a:b", "a:c" }, statement["Action"]);
        var condition = Assert.IsType<JsonMap>(statement["Condition"]);
        Assert.Equal(3600L, Assert.IsType<JsonMap>(condition["NumericLessThan"])["age"]);
        Assert.Equal(false, Assert.IsType<JsonMap>(condition["Bool"])["mfa"]);
        Assert.Equal(0.5, Assert.IsType<JsonMap>(condition["NumericGreaterThan"])["ratio"]);
        Assert.Equal(Policy, map.ToString());
    }

    [Fact]
    public void A_map_finds_members_in_any_case_and_writes_what_it_holds_after_an_edit()
    {
        var map = JsonMap.From(JsonNode.Parse("""{"Version":"2012-10-17","Statement":[]}""")!.AsObject());

        map["Statement"] = new object[] { new System.Collections.Hashtable { ["Sid"] = "Added" } };

        Assert.Equal("2012-10-17", map["VERSION"]);
        Assert.Equal("""{"Version":"2012-10-17","Statement":[{"Sid":"Added"}]}""", map.ToString());
    }
}
