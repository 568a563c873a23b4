using Microsoft.AspNetCore.Components;

namespace Pathfinder.Functions.Pages;

/// <summary>A page: the request's <see cref="PageContext"/> and the model its handler built.</summary>
public abstract class PageBase<TModel> : ComponentBase
{
    [Parameter, EditorRequired]
    public required PageContext Page { get; set; }

    [Parameter]
    public required TModel Model { get; set; }
}
