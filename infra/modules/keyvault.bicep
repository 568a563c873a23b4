// Holds the SendGrid API key. The secret's value is set out of band (docs/DEPLOY.md), never in a template.
param baseName string
param location string
param tenantId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${baseName}-kv-${uniqueString(resourceGroup().id)}', 24)
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

output vaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
