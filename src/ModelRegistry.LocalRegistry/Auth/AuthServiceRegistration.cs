using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Services.Ecr;
using ModelRegistry.LocalRegistry.Services.Kms;
using ModelRegistry.LocalRegistry.Services.S3;
using ModelRegistry.LocalRegistry.Services.Sso;
using ModelRegistry.LocalRegistry.Services.Sts;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>Registers authentication, accounts, authorization and the STS, IAM Identity Center portal, S3, ECR and KMS services.
/// Expects the host to have registered <see cref="IDocumentStore"/> and <see cref="TimeProvider"/>.</summary>
public static class AuthServiceRegistration
{
    public static void AddAuthAndPeerServices(IServiceCollection services, LocalRegistryOptions options)
    {
        var accounts = options.AccountsFile is null ? AccountsFile.SeedAccounts : AccountsFile.Load(options.AccountsFile);
        services.AddSingleton(provider => new AccountDirectory(
            accounts, provider.GetRequiredService<IDocumentStore>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SsoTokenDirectory>();
        services.AddSingleton<SigV4Authenticator>();
        services.AddSingleton<ResourceAuthorizer>();
        services.AddSingleton<S3Documents>();
        services.AddSingleton<EcrDocuments>();
        services.AddSingleton<KmsDocuments>();
        services.AddSingleton<KmsKeyAccess>();
        services.AddSingleton<IAwsService, StsService>();
        services.AddSingleton<IAwsService, SsoPortalService>();
        services.AddSingleton<IAwsService, S3Service>();
        services.AddSingleton<IAwsService, EcrService>();
        services.AddSingleton<IAwsService, KmsService>();
    }
}
