using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.LocalRegistry.Faults;

/// <summary>The operation a request names, read before the service parses it so fault rules can match
/// on it: <c>X-Amz-Target</c> (JSON protocols), the <c>Action</c> parameter (query protocol), or the
/// method, path and query keys of the REST-XML model's HTTP bindings (S3).</summary>
public static class OperationName
{
    public static string? Of(HttpRequest request, byte[] body, string signingName)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.LastIndexOf('.');
            return dot >= 0 ? target[(dot + 1)..] : target;
        }

        if (request.Query.TryGetValue("Action", out var queryAction))
        {
            return queryAction.ToString();
        }

        if (request.HasFormContentType)
        {
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            if (form.TryGetValue("Action", out var formAction))
            {
                return formAction.ToString();
            }
        }

        // S3 is the one REST service the registry emulates.
        return signingName == "s3" ? RestOperation(ServiceModel.Load("s3"), request) : null;
    }

    /// <summary>The operation whose binding matches: same method, same number of path parts (root,
    /// bucket, or bucket and key), every literal query key present; the most specific one wins.</summary>
    private static string? RestOperation(ServiceModel model, HttpRequest request)
    {
        var pathParts = PathParts(request.Path.Value ?? "/");
        return model.OperationNames
            .Select(model.GetOperation)
            .Where(o => string.Equals(o.HttpMethod, request.Method, StringComparison.OrdinalIgnoreCase))
            .Select(o => (Operation: o, Template: o.RequestUri.Split('?', 2)))
            .Where(o => PathParts(o.Template[0]) == pathParts)
            .Select(o => (o.Operation, QueryKeys: o.Template.Length > 1 ? o.Template[1].Split('&').Select(k => k.Split('=')[0]).ToList() : []))
            .Where(o => o.QueryKeys.All(request.Query.ContainsKey))
            .OrderByDescending(o => o.QueryKeys.Count)
            .Select(o => o.Operation.Name)
            .FirstOrDefault();
    }

    /// <summary>0 for the service root, 1 for a bucket, 2 for a bucket and a key (of any depth).</summary>
    private static int PathParts(string path) => Math.Min(2, path.Split('/', StringSplitOptions.RemoveEmptyEntries).Length);
}
