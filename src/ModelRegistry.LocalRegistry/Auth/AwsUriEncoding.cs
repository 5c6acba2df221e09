using System.Text;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The URI encoding SigV4 prescribes: every byte but A-Z a-z 0-9 - _ . ~ as %XX (upper case).</summary>
public static class AwsUriEncoding
{
    public static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~'
                || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
