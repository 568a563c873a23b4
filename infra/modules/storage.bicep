// One account for everything: the Functions host (AzureWebJobsStorage), the Durable Functions task hub (blobs, queues
// and tables named after host.json's hubName), the app's read-model tables, the inbound email archive (blobs) and the
// Flex deployment package. No shared-key access: all of them use the function app's identity.
param baseName string
param location string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('${replace(baseName, '-', '')}store${uniqueString(resourceGroup().id)}', 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'deployments'
  properties: { publicAccess: 'None' }
}

output accountName string = account.name
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}deployments'
