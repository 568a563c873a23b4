// Flex Consumption plan and the function app: the .NET isolated worker (net10.0) with Durable Functions on the
// default Azure Storage provider. Its task hub name and Durable settings come from host.json
// (extensions.durableTask), not from app settings.
//
// Checked (2026-12-01, from stored copies of the public docs and samples; the Bicep was not compiled or deployed here):
// - Runtime: functionAppConfig.runtime { name: 'dotnet-isolated', version: '10.0' }. The Flex runtime list shows
//   "dotnet-isolated 10.0" beside 9.0 and 8.0 (Get-AzFunctionAppFlexConsumptionRuntime, learn.microsoft.com/powershell/
//   module/az.functions/get-azfunctionappflexconsumptionruntime); the canonical Flex sample uses the same name with a
//   "major.minor" version (Azure-Samples/azure-functions-flex-consumption-samples, IaC/bicep/core/host/function.bicep).
//   Confirm for the region with `az functionapp list-flexconsumption-runtimes -l <region> --runtime dotnet-isolated`.
// - Not set here on purpose: FUNCTIONS_WORKER_RUNTIME (replaced by functionAppConfig.runtime.name) and
//   FUNCTIONS_EXTENSION_VERSION (set by the platform), per "Flex Consumption plan deprecations"
//   (learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations);
//   WEBSITE_RUN_FROM_PACKAGE, which must not be added on Flex: apps there run from the package in the deployment
//   container (run-functions-from-deployment-package, "Enable functions to run from a package").
// - Deployment storage: functionAppConfig.deployment.storage { type: 'blobContainer', value: <container URL>,
//   authentication: { type: 'SystemAssignedIdentity' } }, as in the Flex sample above.
// - API versions: Microsoft.Web/serverfarms and sites @2024-04-01, as in the Flex sample; functionAppConfig exists
//   from 2023-12-01 on.
// - Identity-based host storage with the system-assigned identity needs only AzureWebJobsStorage__accountName:
//   __credential=managedidentity (with __clientId) is for a user-assigned identity (Durable Functions docs,
//   durable-functions-configure-managed-identity, "Add managed identity configuration to your app"). The app's own
//   Table and Blob clients read the same account name and use DefaultAzureCredential.
param baseName string
param location string
param storageAccountName string
param deploymentContainerUrl string
param appInsightsConnectionString string
param sendGridSecretUri string
@description('Key Vault secret URI of the SendGrid Event Webhook verification key (its public key, base64).')
param eventWebhookKeySecretUri string
@description('Key Vault URI of the secret that signs applicants\' status links (base64, 32+ bytes).')
param statusLinkSecretUri string
@description('Client ID of the Entra ID app registration that signs staff in to the pages (ID tokens enabled, redirect URI https://<app>/.auth/login/aad/callback).')
param pagesClientId string
param entraTenantId string
param apiAudience string
param shaInboundAddresses object
param fromEmail string
param fromName string

@description('The .NET version of the isolated worker, as Flex Consumption names it.')
param dotnetVersion string = '10.0'

@description('Upper bound on instances; 40 is the lowest the plan accepts.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([2048, 4096])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var siteName = '${baseName}-app-${uniqueString(resourceGroup().id)}'
var issuer = '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'

var shaSettings = [for sha in items(shaInboundAddresses): {
  name: 'Intake__ShaAddresses__${sha.key}'
  value: sha.value
}]

var settings = concat([
  // Identity-based storage for the Functions host, the Durable extension's task hub (blobs, queues, tables) and the
  // app's own read models and email archive: one account, no keys.
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  // The site's root is the app's own home page (HomePage, route "{ignored:maxlength(0)?}"); without this the Functions
  // host answers "/" with its default "your app is running" page first.
  { name: 'AzureWebJobsDisableHomepage', value: 'true' }
  // The SendGrid key is a Key Vault reference, resolved by the platform with the app's system-assigned identity.
  // Without a version the latest secret version is used (App Service docs, app-service-key-vault-references).
  { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})' }
  { name: 'SendGrid__EventWebhook__VerificationKey', value: '@Microsoft.KeyVault(SecretUri=${eventWebhookKeySecretUri})' }
  { name: 'SendGrid__FromEmail', value: fromEmail }
  { name: 'SendGrid__FromName', value: fromName }
  // Reviewer and national tokens: Entra ID v2.0 access tokens with app roles Reviewer (plus the sha claim) and National.
  { name: 'Authentication__Schemes__Bearer__Authority', value: issuer }
  { name: 'Authentication__Schemes__Bearer__ValidAudiences__0', value: apiAudience }
  { name: 'Authentication__Schemes__Bearer__ValidIssuer', value: issuer }
  { name: 'Programme__ReviewPeriod', value: '28.00:00:00' }
  // The app's public address: replies link to the blank forms here, emails to status and application pages.
  { name: 'Intake__PublicBaseUrl', value: 'https://${siteName}.azurewebsites.net' }
  // Pages read who is signed in from App Service Authentication (authsettingsV2 below); status links are signed with a
  // key held in Key Vault like the SendGrid key.
  { name: 'Pages__SignIn', value: 'EasyAuth' }
  { name: 'Pages__StatusLinkKey', value: '@Microsoft.KeyVault(SecretUri=${statusLinkSecretUri})' }
], shaSettings)

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: settings
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: dotnetVersion }
    }
  }
}

// App Service Authentication for the pages: Entra ID signs staff in and the platform passes their principal (roles
// and the sha claim) to the app in X-MS-CLIENT-PRINCIPAL, stripping that header from anything a browser sends.
// Unauthenticated requests are let through: the API checks its own bearer tokens, public pages need nobody, and staff
// pages send anyone not signed in to /.auth/login/aad themselves. No client secret: the login uses ID tokens.
// The app believes X-MS-CLIENT-PRINCIPAL only while the platform says this is on (it sets WEBSITE_AUTH_ENABLED=True)
// and names Entra ID as the provider (X-MS-CLIENT-PRINCIPAL-IDP: aad), so Entra ID must stay the only provider;
// without this resource the staff pages open for nobody and the app logs an error at start (docs/DEPLOY.md).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      redirectToProvider: 'azureactivedirectory'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: issuer
          clientId: pagesClientId
        }
        validation: { allowedAudiences: [ apiAudience, pagesClientId ] }
      }
    }
    login: { tokenStore: { enabled: false } }
    httpSettings: { requireHttps: true }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
