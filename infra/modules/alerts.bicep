// Azure Monitor alerts for what fails where nobody looks: each rule is a scheduled log query over the app's
// Application Insights traces, and every rule emails the operators' action group. The queries match log messages
// the app writes (keep the wording of those messages: see the comments by their LoggerMessage definitions) and the
// Durable extension's own tracking. See docs/DEPLOY.md, "Alerts".
param baseName string
param location string

@description('Resource ID of the Application Insights component the app logs to.')
param appInsightsId string

@description('Address the alerts are emailed to.')
param alertEmail string

@description('Refused Event Webhook or Inbound Parse posts in an hour above which an alert fires.')
param refusedPostThreshold int

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${baseName}-operators'
  location: 'global'
  properties: {
    groupShortName: take('${baseName}ops', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var rules = [
  {
    name: 'failed-orchestrations'
    displayName: 'Failed orchestrations'
    description: 'An application or wave orchestration failed: its record no longer moves on. Find it on /national/workflows.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    threshold: 0
    query: 'traces | where tostring(customDimensions.Category) == "Host.Triggers.DurableTask" | where tostring(customDimensions.prop__functionType) == "Orchestrator" | where tostring(customDimensions.prop__state) == "Failed"'
  }
  {
    name: 'undelivered-notifications'
    displayName: 'Bounced or dropped notifications'
    description: 'SendGrid reported a notification bounced, dropped, blocked or marked as spam. Mend it from /national/notifications.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    threshold: 0
    query: 'traces | where message startswith "Notification " and message has "was not delivered:"'
  }
  {
    name: 'workflows-out-of-step'
    displayName: 'Applications out of step'
    description: 'An application\'s orchestration is missing, failed, stuck or disagrees with its record. See /national/workflows.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    threshold: 0
    query: 'traces | where message startswith "Workflow out of step" or tostring(customDimensions.EventName) == "WorkflowOutOfStep" or tostring(customDimensions.prop__EventName) == "WorkflowOutOfStep"'
  }
  {
    name: 'refused-webhook-posts'
    displayName: 'Refused webhook posts'
    description: 'More Event Webhook or Inbound Parse posts were refused in an hour than the threshold: a changed key, a misconfigured webhook or someone probing.'
    severity: 2
    frequency: 'PT15M'
    window: 'PT1H'
    threshold: refusedPostThreshold
    query: 'traces | where message startswith "Refused a post to the Event Webhook" or message startswith "Refused a post to Inbound Parse"'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [
  for rule in rules: {
    name: '${baseName}-${rule.name}'
    location: location
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [appInsightsId]
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [operators.id]
      }
    }
  }
]

output actionGroupId string = operators.id
