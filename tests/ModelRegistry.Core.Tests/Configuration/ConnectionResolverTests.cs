using Amazon.Runtime;
using ModelRegistry.Core.Configuration;
using Xunit;

namespace ModelRegistry.Core.Tests.Configuration;

/// <summary>Where region, credentials and endpoint come from, in AWS Tools for PowerShell's order,
/// with every source present at once so each test shows which one wins.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConnectionResolverTests : IDisposable
{
    private const string LocalEndpoint = "http://127.0.0.1:4566";
    private readonly IsolatedAwsEnvironment _environment = new();
    private readonly BasicAWSCredentials _parameterCredential = new("AKIAPARAMETERCRED001", "parameter-secret");
    private readonly BasicAWSCredentials _storedCredential = new("AKIASTOREDCREDENT001", "stored-secret");
    private readonly BasicAWSCredentials _localCredential = new("AKIALOCALREGISTRY001", "local-secret");

    public ConnectionResolverTests()
    {
        _environment.Set("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001");
        _environment.Set("AWS_SECRET_ACCESS_KEY", "environment-secret");
        _environment.Set("AWS_REGION", "eu-north-1");
        File.WriteAllText(_environment.CredentialsFile, """
            [default]
            aws_access_key_id = AKIADEFAULTPROFILE01
            aws_secret_access_key = default-secret

            [ci]
            aws_access_key_id = AKIACIPROFILE0000001
            aws_secret_access_key = ci-secret
            """);
        File.WriteAllText(_environment.ConfigFile, """
            [default]
            region = ap-south-1

            [profile ci]
            region = sa-east-1

            [profile region-only]
            region = ca-central-1
            """);
    }

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Access_keys_win_over_every_other_credential_source()
    {
        var resolved = Resolve(new ConnectionParameters { AccessKey = "AKIAKEYPARAMETER0001", SecretKey = "key-secret", ProfileName = "ci", Credential = _parameterCredential });

        Assert.Equal("AKIAKEYPARAMETER0001", AccessKeyOf(resolved));
        Assert.Equal("parameters (-AccessKey/-SecretKey)", resolved.CredentialSource);
        Assert.IsType<BasicAWSCredentials>(resolved.Credentials);
    }

    [Fact]
    public void A_session_token_with_the_keys_makes_session_credentials()
    {
        var resolved = Resolve(new ConnectionParameters { AccessKey = "ASIAKEYPARAMETER0001", SecretKey = "key-secret", SessionToken = "token-1" });

        Assert.Equal("token-1", resolved.Credentials.GetCredentials().Token);
    }

    [Fact]
    public void A_profile_wins_over_credential_session_defaults_and_environment_and_brings_its_region()
    {
        var resolved = Resolve(new ConnectionParameters { ProfileName = "ci", Credential = _parameterCredential });

        Assert.Equal(("AKIACIPROFILE0000001", "profile 'ci'"), (AccessKeyOf(resolved), resolved.CredentialSource));
        Assert.Equal(("sa-east-1", "profile 'ci'"), (resolved.Region.SystemName, resolved.RegionSource));
        Assert.Equal("ci", resolved.ProfileName);
    }

    [Fact]
    public void A_profile_is_read_from_the_given_location()
    {
        var location = _environment.WriteFile("other-credentials", "[team]\naws_access_key_id = AKIATEAMPROFILE00001\naws_secret_access_key = team-secret\n");

        var resolved = Resolve(new ConnectionParameters { ProfileName = "team", ProfileLocation = location });

        Assert.Equal("AKIATEAMPROFILE00001", AccessKeyOf(resolved));
    }

    [Fact]
    public void The_credential_parameter_wins_over_session_defaults_and_environment()
    {
        var resolved = Resolve(new ConnectionParameters { Credential = _parameterCredential });

        Assert.Same(_parameterCredential, resolved.Credentials);
        Assert.Equal("parameter (-Credential)", resolved.CredentialSource);
    }

    [Fact]
    public void Session_defaults_are_consulted_in_order_skipping_those_without_credentials()
    {
        var resolved = ConnectionResolver.Resolve(new ConnectionParameters(),
        [
            new SessionDefault("$StoredAWSRegion", null, "eu-west-3", null),
            new SessionDefault("$StoredAWSCredentials", _storedCredential, null, null),
            new SessionDefault("later", _parameterCredential, "us-west-1", null),
        ]);

        Assert.Same(_storedCredential, resolved.Credentials);
        Assert.Equal("$StoredAWSCredentials", resolved.CredentialSource);
        Assert.Equal(("eu-west-3", "$StoredAWSRegion"), (resolved.Region.SystemName, resolved.RegionSource));
    }

    [Fact]
    public void Without_parameters_or_defaults_the_environment_variables_are_used()
    {
        var resolved = Resolve(new ConnectionParameters());

        Assert.Equal(("AKIAENVIRONMENT00001", "environment variables (AWS_ACCESS_KEY_ID)"), (AccessKeyOf(resolved), resolved.CredentialSource));
        Assert.Equal(("eu-north-1", "environment variable AWS_REGION"), (resolved.Region.SystemName, resolved.RegionSource));
    }

    [Fact]
    public void Without_AWS_REGION_the_AWS_CLIs_AWS_DEFAULT_REGION_wins_over_the_shared_config_as_it_does_for_the_AWS_CLI()
    {
        _environment.Set("AWS_REGION", null);
        _environment.Set("AWS_DEFAULT_REGION", "ca-central-1");

        var resolved = Resolve(new ConnectionParameters());

        Assert.Equal(("ca-central-1", "environment variable AWS_DEFAULT_REGION"), (resolved.Region.SystemName, resolved.RegionSource));
    }

    [Fact]
    public void AWS_REGION_wins_over_AWS_DEFAULT_REGION()
    {
        _environment.Set("AWS_DEFAULT_REGION", "ca-central-1");

        var resolved = Resolve(new ConnectionParameters());

        Assert.Equal(("eu-north-1", "environment variable AWS_REGION"), (resolved.Region.SystemName, resolved.RegionSource));
    }

    [Fact]
    public void An_AWS_DEFAULT_REGION_that_is_no_region_name_is_refused_naming_the_variable()
    {
        _environment.Set("AWS_REGION", null);
        _environment.Set("AWS_DEFAULT_REGION", "Frankfurt");

        var error = Assert.Throws<ConfigurationException>(() => Resolve(new ConnectionParameters()));

        Assert.Equal(("InvalidRegion", null), (error.ErrorId, error.ParameterName));
        Assert.StartsWith("AWS_DEFAULT_REGION: 'Frankfurt' is not a region name", error.Message);
    }

    // A CI variable with a stray space or a display name; the SDK took both (signing for 'frankfurt').
    [Theory]
    [InlineData("Frankfurt")]
    [InlineData("us-east-1 ")]
    public void An_AWS_REGION_that_is_no_region_name_is_refused_naming_the_variable(string value)
    {
        _environment.Set("AWS_REGION", value);
        _environment.Set("AWS_DEFAULT_REGION", "ca-central-1");

        var error = Assert.Throws<ConfigurationException>(() => Resolve(new ConnectionParameters()));

        Assert.Equal(("InvalidRegion", null), (error.ErrorId, error.ParameterName));
        Assert.StartsWith($"AWS_REGION: '{value}' is not a region name", error.Message);
    }

    [Fact]
    public void Without_environment_variables_the_default_profile_is_used()
    {
        _environment.Set("AWS_ACCESS_KEY_ID", null);
        _environment.Set("AWS_SECRET_ACCESS_KEY", null);
        _environment.Set("AWS_REGION", null);

        var resolved = Resolve(new ConnectionParameters());

        Assert.Equal(("AKIADEFAULTPROFILE01", "profile 'default' (SDK default chain)"), (AccessKeyOf(resolved), resolved.CredentialSource));
        Assert.Equal("ap-south-1", resolved.Region.SystemName);
        Assert.Equal("SDK default chain (shared config or instance metadata)", resolved.RegionSource);
    }

    [Fact]
    public void The_region_parameter_wins_over_profile_defaults_and_environment()
    {
        var resolved = ConnectionResolver.Resolve(new ConnectionParameters { Region = "us-west-2", ProfileName = "ci" }, [Stored(region: "eu-west-3")]);

        Assert.Equal(("us-west-2", "parameter (-Region)"), (resolved.Region.SystemName, resolved.RegionSource));
    }

    [Fact]
    public void A_session_default_region_wins_over_the_environment()
    {
        var resolved = ConnectionResolver.Resolve(new ConnectionParameters(), [Stored(region: "eu-west-3")]);

        Assert.Equal(("eu-west-3", "$StoredAWSRegion"), (resolved.Region.SystemName, resolved.RegionSource));
    }

    [Fact]
    public void The_local_registry_default_sets_region_and_endpoint_only_for_its_own_keys()
    {
        var local = new SessionDefault("local registry", _localCredential, "us-east-1", LocalEndpoint, ["AKIALOCALTRAINING002"]);

        var ownKeys = ConnectionResolver.Resolve(new ConnectionParameters(), [local]);
        var otherAccountKeys = ConnectionResolver.Resolve(new ConnectionParameters { AccessKey = "AKIALOCALTRAINING002", SecretKey = "s" }, [local]);
        var realKeys = ConnectionResolver.Resolve(new ConnectionParameters { Credential = _parameterCredential }, [local]);

        Assert.Equal((LocalEndpoint, "local registry", "us-east-1"), (ownKeys.EndpointUrl, ownKeys.EndpointSource, ownKeys.Region.SystemName));
        Assert.Equal((LocalEndpoint, "us-east-1"), (otherAccountKeys.EndpointUrl, otherAccountKeys.Region.SystemName));
        Assert.Equal((null, null, "eu-north-1"), (realKeys.EndpointUrl, realKeys.EndpointSource, realKeys.Region.SystemName));
    }

    [Fact]
    public void The_endpoint_parameter_wins_over_a_session_default()
    {
        var local = new SessionDefault("local registry", _localCredential, "us-east-1", LocalEndpoint);

        var resolved = ConnectionResolver.Resolve(new ConnectionParameters { EndpointUrl = "https://sagemaker.example.test" }, [local]);

        Assert.Equal(("https://sagemaker.example.test", "parameter (-EndpointUrl)"), (resolved.EndpointUrl, resolved.EndpointSource));
    }

    [Fact]
    public void The_local_registry_default_comes_before_the_endpoint_variables_for_its_own_keys()
    {
        _environment.Set("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:9999");
        _environment.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:9998");
        var local = new SessionDefault("local registry", _localCredential, "us-east-1", LocalEndpoint, ["AKIALOCALTRAINING002"]);

        var resolved = ConnectionResolver.Resolve(new ConnectionParameters(), [local]);

        Assert.Equal((LocalEndpoint, "local registry"), (resolved.EndpointUrl, resolved.EndpointSource));
    }

    [Fact]
    public void Endpoint_variables_are_left_to_the_sdk()
    {
        _environment.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:9999");

        var resolved = Resolve(new ConnectionParameters());

        Assert.Null(resolved.EndpointUrl);
        Assert.Null(resolved.EndpointSource);
    }

    [Theory]
    [InlineData("SecretKeyOnly", "IncompleteAccessKey", "AccessKey")]
    [InlineData("AccessKeyOnly", "IncompleteAccessKey", "SecretKey")]
    [InlineData("SessionTokenOnly", "SessionTokenWithoutKeys", "SessionToken")]
    [InlineData("ProfileLocationOnly", "ProfileLocationWithoutProfileName", "ProfileLocation")]
    [InlineData("MissingProfile", "ProfileNotFound", "ProfileName")]
    [InlineData("ProfileWithoutCredentials", "ProfileHasNoCredentials", "ProfileName")]
    [InlineData("BadRegion", "InvalidRegion", "Region")]
    [InlineData("BadEndpoint", "InvalidEndpointUrl", "EndpointUrl")]
    [InlineData("FtpEndpoint", "InvalidEndpointUrl", "EndpointUrl")]
    public void Bad_parameters_fail_with_an_error_id_naming_the_parameter(string situation, string errorId, string parameter)
    {
        var parameters = situation switch
        {
            "SecretKeyOnly" => new ConnectionParameters { SecretKey = "s" },
            "AccessKeyOnly" => new ConnectionParameters { AccessKey = "AKIA" },
            "SessionTokenOnly" => new ConnectionParameters { SessionToken = "t" },
            "ProfileLocationOnly" => new ConnectionParameters { ProfileLocation = _environment.CredentialsFile },
            "MissingProfile" => new ConnectionParameters { ProfileName = "absent" },
            "ProfileWithoutCredentials" => new ConnectionParameters { ProfileName = "region-only" },
            "BadRegion" => new ConnectionParameters { Region = "US East" },
            "BadEndpoint" => new ConnectionParameters { EndpointUrl = "localhost:4566" },
            _ => new ConnectionParameters { EndpointUrl = "ftp://127.0.0.1/" },
        };

        var error = Assert.Throws<ConfigurationException>(() => Resolve(parameters));

        Assert.Equal((errorId, parameter), (error.ErrorId, error.ParameterName));
        Assert.Contains("-" + parameter, error.Message);
    }

    [Fact]
    public void A_bad_region_from_a_session_default_is_named_without_a_parameter()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConnectionResolver.Resolve(new ConnectionParameters(), [Stored(region: "Frankfurt")]));

        Assert.Equal(("InvalidRegion", null), (error.ErrorId, error.ParameterName));
        Assert.StartsWith("Region: 'Frankfurt' is not a region name", error.Message);
    }

    [Fact]
    public void No_credentials_anywhere_is_an_error_that_says_where_to_put_them()
    {
        _environment.Set("AWS_ACCESS_KEY_ID", null);
        _environment.Set("AWS_SECRET_ACCESS_KEY", null);
        File.WriteAllText(_environment.CredentialsFile, "");

        var error = Assert.Throws<ConfigurationException>(() => Resolve(new ConnectionParameters()));

        Assert.Equal("NoCredentials", error.ErrorId);
        Assert.Contains("-ProfileName, -Credential or -AccessKey/-SecretKey", error.Message);
    }

    [Fact]
    public void No_region_anywhere_is_an_error_naming_the_region_parameter()
    {
        _environment.Set("AWS_REGION", null);
        File.WriteAllText(_environment.ConfigFile, "");

        var error = Assert.Throws<ConfigurationException>(() => Resolve(new ConnectionParameters { Credential = _parameterCredential }));

        Assert.Equal(("NoRegion", "Region"), (error.ErrorId, error.ParameterName));
    }

    private static ResolvedConnection Resolve(ConnectionParameters parameters) => ConnectionResolver.Resolve(parameters, []);

    private static SessionDefault Stored(string? region) => new("$StoredAWSRegion", null, region, null);

    private static string AccessKeyOf(ResolvedConnection resolved) => resolved.Credentials.GetCredentials().AccessKey;
}
