// The pathfinder onboarding app on Azure: a Flex Consumption function app running the .NET isolated worker with
// Durable Functions (Azure Storage provider), its storage account (identity-based, no shared keys), Key Vault for the
// SendGrid key, workspace-based Application Insights, and the role assignments its system-assigned identity needs.
// See docs/DEPLOY.md.
targetScope = 'resourceGroup'

@description('Short prefix for every resource name (letters and digits).')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Azure region.')
param location string = resourceGroup().location

@description('Name of the Key Vault secret that will hold the SendGrid API key (its value is set out of band).')
param sendGridSecretName string = 'SendGridApiKey'

@description('Name of the Key Vault secret that will hold the key signing applicants\' status links (set out of band: 32 random bytes, base64).')
param statusLinkSecretName string = 'StatusLinkKey'

@description('Client ID of the Entra ID app registration staff sign in to the pages with (App Service Authentication).')
param pagesClientId string

@description('Entra ID tenant that issues reviewer tokens.')
param entraTenantId string = subscription().tenantId

@description('Audience of reviewer tokens: the Application (client) ID of the API app registration, which Entra ID puts in the aud claim of v2.0 access tokens (docs/DEPLOY.md, step 1).')
param apiAudience string

@description('Inbound address per SHA code (Q30..Q39), as configured in SendGrid Inbound Parse.')
param shaInboundAddresses object

@description('Sender address for programme email (a verified SendGrid sender).')
param fromEmail string

@description('Sender name for programme email.')
param fromName string = 'GP Pathfinder Programme'

@description('Optional: object ID of the person or pipeline that sets the SendGrid secret; gets Key Vault Secrets Officer on the vault.')
param vaultOfficerPrincipalId string = ''

@description('Address Azure Monitor emails alerts to: failed orchestrations, undelivered notifications, applications out of step, refused webhook posts.')
param alertEmail string

@description('Refused Event Webhook or Inbound Parse posts in an hour above which an alert fires.')
@minValue(0)
param refusedPostThreshold int = 10

var baseName = toLower(namePrefix)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: baseName
    location: location
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    baseName: baseName
    location: location
    appInsightsId: monitoring.outputs.insightsId
    alertEmail: alertEmail
    refusedPostThreshold: refusedPostThreshold
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    baseName: baseName
    location: location
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    baseName: baseName
    location: location
    tenantId: subscription().tenantId
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    baseName: baseName
    location: location
    storageAccountName: storage.outputs.accountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    sendGridSecretUri: '${vault.outputs.vaultUri}secrets/${sendGridSecretName}'
    eventWebhookKeySecretUri: '${vault.outputs.vaultUri}secrets/SendGridEventWebhookKey'
    statusLinkSecretUri: '${vault.outputs.vaultUri}secrets/${statusLinkSecretName}'
    pagesClientId: pagesClientId
    entraTenantId: entraTenantId
    apiAudience: apiAudience
    shaInboundAddresses: shaInboundAddresses
    fromEmail: fromEmail
    fromName: fromName
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: app.outputs.principalId
    storageAccountName: storage.outputs.accountName
    keyVaultName: vault.outputs.vaultName
    vaultOfficerPrincipalId: vaultOfficerPrincipalId
  }
}

output functionAppName string = app.outputs.name
output defaultHostName string = app.outputs.defaultHostName
output keyVaultName string = vault.outputs.vaultName
output sendGridSecretName string = sendGridSecretName
