using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Functions.Notifications;

/// <summary>Accepts only an absolute http or https address; [Url] alone would also let ftp through.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public AbsoluteHttpUrlAttribute()
        : base("The {0} field must be an absolute http or https URL.") { }

    public override bool IsValid(object? value) =>
        value switch
        {
            null => true,
            Uri uri => IsHttp(uri),
            string text => Uri.TryCreate(text, UriKind.Absolute, out var parsed) && IsHttp(parsed),
            _ => false,
        };

    private static bool IsHttp(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
