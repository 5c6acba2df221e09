using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>Who a UserContext (CreatedBy/LastModifiedBy) names: the IAM identity, else the Studio user profile.</summary>
internal static class UserContextNames
{
    public static string? Describe(JsonObject? userContext)
    {
        if (userContext is null)
        {
            return null;
        }

        return (WireJson.Object(userContext, "IamIdentity") is { } identity ? WireJson.String(identity, "Arn") : null)
            ?? WireJson.String(userContext, "UserProfileName")
            ?? WireJson.String(userContext, "UserProfileArn");
    }
}
