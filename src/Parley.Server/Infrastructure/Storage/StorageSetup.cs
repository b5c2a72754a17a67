using Amazon.Runtime;
using Amazon.S3;

namespace Parley.Server.Infrastructure.Storage;

public static class StorageSetup
{
    public static IServiceCollection AddParleyStorage(this IServiceCollection services, ParleyOptions options)
    {
        if (options.Files.Storage == StorageProvider.S3)
        {
            var s3 = options.Files.S3;
            services.AddSingleton<IFileStore>(_ => new S3FileStore(
                new AmazonS3Client(
                    new BasicAWSCredentials(s3.AccessKey, s3.SecretKey),
                    new AmazonS3Config
                    {
                        ServiceURL = s3.ServiceUrl,
                        ForcePathStyle = s3.ForcePathStyle,
                        AuthenticationRegion = s3.Region,
                        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
                    }),
                s3.Bucket));
        }
        else
        {
            services.AddSingleton<IFileStore>(_ => new DiskFileStore(Path.GetFullPath(Path.Combine(options.DataDirectory, "files"))));
        }

        return services;
    }
}
