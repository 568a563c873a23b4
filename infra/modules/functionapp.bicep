// Flex Consumption plan and the function app running the custom handler (host.json in the package).
param baseName string
param location string
param storageAccountName string
param deploymentContainerUrl string
param appInsightsConnectionString string
param sendGridSecretUri string
param entraTenantId string
param apiAudience string
param shaInboundAddresses object
param fromEmail string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var siteName = '${baseName}-app-${uniqueString(resourceGroup().id)}'

var shaSettings = [for sha in items(shaInboundAddresses): {
  name: 'Intake__ShaAddresses__${sha.key}'
  value: sha.value
}]

var settings = concat([
  // Identity-based storage for the host and the app alike (no keys).
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  // The SendGrid key is a Key Vault reference, resolved by the platform with the app's identity.
  { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})' }
  { name: 'SendGrid__FromEmail', value: fromEmail }
  // Reviewer and national tokens: Entra ID app roles Reviewer (with the sha claim) and National.
  { name: 'Authentication__Schemes__Bearer__Authority', value: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0' }
  { name: 'Authentication__Schemes__Bearer__ValidAudiences__0', value: apiAudience }
  { name: 'Programme__ReviewPeriod', value: '28.00:00:00' }
  { name: 'Durable__TaskHub', value: 'Onboarding' }
  // Replies to emailed forms link to the blank forms here.
  { name: 'Intake__PublicBaseUrl', value: 'https://${siteName}.azurewebsites.net' }
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
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      // A custom handler: the host starts app/Pathfinder.Functions from host.json. Check the name and version against
      // `az functionapp list-flexconsumption-runtimes --location <region> --runtime custom` (docs/DEPLOY.md).
      runtime: { name: 'custom', version: '1.0' }
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
