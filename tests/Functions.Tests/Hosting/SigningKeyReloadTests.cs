using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Hosting;

/// <summary>
/// A signing key made while the app runs (as <c>dotnet user-jwts create</c> or <c>key --reset</c> writes it into user
/// secrets) is honoured at
/// once: following the README, a newcomer starts the app and then makes a token, and must not get 401 until a restart.
/// </summary>
public sealed class SigningKeyReloadTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task TokenSignedWithAKeyMadeAfterStart_IsAcceptedWithoutARestart()
    {
        var key = Encoding.UTF8.GetBytes("a key made while the app runs, 32+ bytes long");
        using var before = Signed(key);
        using (var refused = await before.GetAsync(new Uri("/api/waves", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration[$"{Security.BearerSection}:SigningKeys:0:Issuer"] = TestTokens.Issuer;
        configuration[$"{Security.BearerSection}:SigningKeys:0:Value"] = Convert.ToBase64String(key);
        configuration[$"{Security.BearerSection}:SigningKeys:0:Length"] = key.Length.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        // What the user secrets file provider does when dotnet user-jwts writes the file.
        configuration.Reload();

        using var after = Signed(key);
        using var accepted = await after.GetAsync(new Uri("/api/waves", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private HttpClient Signed(byte[] key)
    {
        var token = new JsonWebTokenHandler().CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = TestTokens.Issuer,
                Audience = TestTokens.Audience,
                Subject = new ClaimsIdentity([
                    new Claim("name", "National Team"),
                    new Claim("role", Security.NationalRole),
                ]),
                SigningCredentials = new SigningCredentials(
                    new SymmetricSecurityKey(key),
                    SecurityAlgorithms.HmacSha256
                ),
            }
        );
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer",
            token
        );
        return client;
    }
}
