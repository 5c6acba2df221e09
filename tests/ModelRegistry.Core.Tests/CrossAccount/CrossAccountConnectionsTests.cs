using Amazon.Runtime;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Tests.Configuration;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>Which credentials serve which account of a cross-account command: per-account parameters
/// first, the common ones (parameters, session defaults, the SDK's chain) for an account without them.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CrossAccountConnectionsTests : IDisposable
{
    private const string Endpoint = "http://127.0.0.1:4566";
    private readonly IsolatedAwsEnvironment _environment = new();
    private readonly BasicAWSCredentials _trainingCredential = new("AKIATRAININGCRED0001", "training-secret");

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void Per_account_credentials_go_where_and_in_the_region_the_common_parameters_say()
    {
        var common = new ConnectionParameters
        {
            Region = "eu-west-1",
            ProfileLocation = TeamProfiles(),
            EndpointUrl = Endpoint,
            AccessKey = "AKIACOMMONKEY0000001",
            SecretKey = "common-secret",
        };

        var connections = Resolve(common, registryProfileName: "registry-admin", trainingProfileName: "training-admin");

        Assert.Equal(("AKIAREGISTRYADMIN001", "profile 'registry-admin'"), (AccessKeyOf(connections.Registry!), connections.Registry!.CredentialSource));
        Assert.Equal(("AKIATRAININGADMIN001", "profile 'training-admin'"), (AccessKeyOf(connections.Training!), connections.Training!.CredentialSource));
        Assert.All(new[] { connections.Registry, connections.Training }, side =>
        {
            Assert.Equal("eu-west-1", side!.RegionName);
            Assert.Equal(Endpoint, side.EndpointUrl);
        });

        // Both accounts have their own: the common keys serve neither and are not even resolved.
        Assert.Null(connections.Common);
        Assert.Same(connections.Registry, connections.Any);
    }

    [Fact]
    public void A_profile_file_for_one_accounts_profile_leaves_the_other_accounts_credential_alone()
    {
        var common = new ConnectionParameters { Region = "eu-west-1", ProfileLocation = TeamProfiles() };

        var connections = Resolve(common, registryProfileName: "registry-admin", trainingCredential: _trainingCredential);

        Assert.Equal("AKIAREGISTRYADMIN001", AccessKeyOf(connections.Registry!));
        Assert.Equal(("AKIATRAININGCRED0001", "parameter (-Credential)"), (AccessKeyOf(connections.Training!), connections.Training!.CredentialSource));
    }

    [Fact]
    public void Common_credentials_stay_beside_one_explicit_account_for_the_other()
    {
        var common = new ConnectionParameters { Region = "eu-west-1", AccessKey = "AKIACOMMONKEY0000001", SecretKey = "common-secret" };

        var connections = Resolve(common, trainingCredential: _trainingCredential);

        Assert.Null(connections.Registry);
        Assert.Equal("AKIATRAININGCRED0001", AccessKeyOf(connections.Training!));
        Assert.Equal(("AKIACOMMONKEY0000001", "parameters (-AccessKey/-SecretKey)"), (AccessKeyOf(connections.Common!), connections.Common!.CredentialSource));
        Assert.Same(connections.Training, connections.Any);
    }

    [Fact]
    public void An_empty_profile_name_is_no_per_account_credentials()
    {
        var common = new ConnectionParameters { Region = "eu-west-1", AccessKey = "AKIACOMMONKEY0000001", SecretKey = "common-secret" };

        var connections = Resolve(common, registryProfileName: "", trainingProfileName: "");

        Assert.Null(connections.Registry);
        Assert.Null(connections.Training);
        Assert.Same(connections.Common, connections.Any);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_account_with_its_own_credentials_needs_no_common_ones(bool registrySide)
    {
        var connections = registrySide
            ? Resolve(new ConnectionParameters { Region = "eu-west-1" }, registryCredential: _trainingCredential)
            : Resolve(new ConnectionParameters { Region = "eu-west-1" }, trainingCredential: _trainingCredential);

        Assert.Equal("AKIATRAININGCRED0001", AccessKeyOf((registrySide ? connections.Registry : connections.Training)!));
        Assert.Null(registrySide ? connections.Training : connections.Registry);
        Assert.Null(connections.Common);
    }

    [Fact]
    public void Without_any_credentials_the_command_ends_with_NoCredentials()
    {
        var error = Assert.Throws<ConfigurationException>(() => Resolve(new ConnectionParameters { Region = "eu-west-1" }));

        Assert.Equal(ErrorIds.NoCredentials, error.ErrorId);
    }

    [Fact]
    public void A_wrong_per_account_profile_is_refused_even_when_common_credentials_exist()
    {
        var common = new ConnectionParameters { Region = "eu-west-1", AccessKey = "AKIACOMMONKEY0000001", SecretKey = "common-secret" };

        var error = Assert.Throws<ConfigurationException>(() => Resolve(common, trainingProfileName: "no-such-profile"));

        Assert.Equal((ErrorIds.ProfileNotFound, "ProfileName"), (error.ErrorId, error.ParameterName));
    }

    [Fact]
    public void Per_account_credentials_keep_the_commands_FIPS_and_dual_stack_choice()
    {
        var common = new ConnectionParameters { Region = "us-east-1", UseFipsEndpoint = true, UseDualStackEndpoint = true };

        var connections = Resolve(common, registryCredential: new BasicAWSCredentials("AKIAREGISTRYCRED0001", "registry-secret"),
            trainingCredential: _trainingCredential);

        Assert.All(new[] { connections.Registry!, connections.Training! }, side =>
            Assert.Equal((true, true), (side.EndpointOptions.UseFipsEndpoint, side.EndpointOptions.UseDualStackEndpoint)));
    }

    [Fact]
    public void A_per_account_profile_that_needs_MFA_asks_through_the_commands_prompt()
    {
        File.WriteAllText(_environment.CredentialsFile, """
            [base]
            aws_access_key_id = AKIABASEPROFILE00001
            aws_secret_access_key = base-secret
            """);
        File.WriteAllText(_environment.ConfigFile, """
            [profile registry-admin]
            role_arn = arn:aws:iam::111111111111:role/Admin
            source_profile = base
            mfa_serial = arn:aws:iam::111111111111:mfa/alice
            """);
        var asked = new List<(string Profile, string Serial)>();
        var common = new ConnectionParameters
        {
            Region = "us-east-1",
            MfaCodePrompt = (profile, serial) =>
            {
                asked.Add((profile, serial));
                return "123456";
            },
        };

        var connections = Resolve(common, registryProfileName: "registry-admin", trainingCredential: _trainingCredential);

        Assert.Equal(("registry-admin", "arn:aws:iam::111111111111:mfa/alice"), Assert.Single(asked));
        var role = Assert.IsType<AssumeRoleAWSCredentials>(connections.Registry!.Credentials);
        Assert.Equal("123456", role.Options.MfaTokenCodeCallback());
    }

    [Theory]
    [InlineData("registry-admin", null)]
    [InlineData(null, "training-admin")]
    public void A_profile_file_for_one_accounts_profile_is_not_the_common_credentials_file(string? registryProfile, string? trainingProfile)
    {
        var common = new ConnectionParameters { Region = "eu-west-1", ProfileLocation = TeamProfiles(), AccessKey = "AKIACOMMONKEY0000001", SecretKey = "common-secret" };

        var connections = Resolve(common, registryProfileName: registryProfile, trainingProfileName: trainingProfile);

        Assert.Equal("AKIACOMMONKEY0000001", AccessKeyOf(connections.Common!));
        Assert.Equal(TeamProfiles(), common.ProfileLocation);
    }

    [Fact]
    public void A_profile_file_with_no_profile_named_for_it_is_refused()
    {
        var common = new ConnectionParameters { Region = "eu-west-1", ProfileLocation = TeamProfiles() };

        var error = Assert.Throws<ConfigurationException>(() => Resolve(common, trainingCredential: _trainingCredential));

        Assert.Equal((ErrorIds.ProfileLocationWithoutProfileName, "ProfileLocation"), (error.ErrorId, error.ParameterName));
    }

    private string TeamProfiles() => _environment.WriteFile("team-credentials", """
        [registry-admin]
        aws_access_key_id = AKIAREGISTRYADMIN001
        aws_secret_access_key = registry-secret

        [training-admin]
        aws_access_key_id = AKIATRAININGADMIN001
        aws_secret_access_key = training-secret
        """);

    private CrossAccountConnections Resolve(ConnectionParameters common, string? registryProfileName = null, object? registryCredential = null,
        string? trainingProfileName = null, object? trainingCredential = null) =>
        CrossAccountConnections.Resolve(common, registryProfileName, registryCredential, trainingProfileName, trainingCredential, []);

    private static string AccessKeyOf(ResolvedConnection connection) => connection.Credentials.GetCredentials().AccessKey;
}
