namespace Pathfinder.Domain;

/// <summary>
/// When a pathfinder takes on its responsibilities. The DH letter leaves the date to each pathfinder, its PCT and
/// SHA ("which could be from 2011/12"), so the SHA records the agreed date; without one we assume the start of the
/// next financial year.
/// </summary>
public static class GoLive
{
    /// <summary>
    /// 1 April strictly after the UK date of the announcement: announced 14 December 2010, live 1 April 2011;
    /// announced on 1 April 2011 itself, live 1 April 2012. A pathfinder is never assumed to go live the day it is
    /// announced, because it needs time to agree the handover with its PCT.
    /// </summary>
    public static DateOnly DefaultDate(DateTimeOffset announcedAt)
    {
        var announced = UkTime.DateOf(announcedAt);
        var thisYear = new DateOnly(announced.Year, 4, 1);
        return announced < thisYear ? thisYear : thisYear.AddYears(1);
    }

    /// <summary>
    /// The go-live date: the one the SHA set, which must be on or after the UK date of the announcement, or
    /// <see cref="DefaultDate"/> when none is set.
    /// </summary>
    public static Result<DateOnly> Choose(DateOnly? setBySha, DateTimeOffset announcedAt)
    {
        if (setBySha is not { } date)
        {
            return Result.Success(DefaultDate(announcedAt));
        }

        var announced = UkTime.DateOf(announcedAt);
        return date >= announced
            ? Result.Success(date)
            : Result.Failure<DateOnly>(
                $"The go-live date {UkTime.Describe(date)} is before the pathfinder was announced on "
                    + $"{UkTime.Describe(announced)}; choose that day or later."
            );
    }

    /// <summary>
    /// The date a pathfinder announced at <paramref name="announcedAt"/> goes live: the date agreed, unless it falls
    /// before the announcement (it cannot stand then), else <see cref="DefaultDate"/>.
    /// </summary>
    public static DateOnly AgreedOrDefault(DateOnly? agreed, DateTimeOffset announcedAt) =>
        Choose(agreed, announcedAt) is { IsSuccess: true } chosen ? chosen.Value : DefaultDate(announcedAt);

    /// <summary>
    /// Go-live happens at 00:00 UK time on the date: in summer that is BST, so 23:00 UTC the day before.
    /// </summary>
    public static DateTimeOffset StartsAt(DateOnly date) => UkTime.At(date, TimeOnly.MinValue);
}
