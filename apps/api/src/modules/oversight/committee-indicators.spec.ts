import { committeeIndicators } from './committee-evaluations.service';

describe('committeeIndicators', () => {
  const day = 86400_000;
  const submitted = new Date('2026-03-01T02:00:00Z');
  const after = (days: number) => new Date(submitted.getTime() + days * day);

  it('a review signed off by the 7th day is in time; later, or unreviewed past it, is late; one still within it is not counted', () => {
    const now = after(30);
    const i = committeeIndicators(2026, now, {
      reviews: [
        { submittedAt: submitted, publishedAt: after(7) },
        { submittedAt: submitted, publishedAt: after(7.01) },
        { submittedAt: submitted, publishedAt: null },
        { submittedAt: after(25), publishedAt: null },
      ],
      questions: [{ answeredAt: now }, { answeredAt: null }],
      meetings: [],
      votesClosed: 0,
    });
    expect(i).toMatchObject({ reviewsDue: 3, reviewsInTime: 1, reviewsInTimeRate: 0.3333, questionsAsked: 2, questionsAnswered: 1, questionsAnsweredRate: 0.5 });
  });

  it('meetings attended is null when no meeting was held', () => {
    const i = committeeIndicators(2026, new Date(), { reviews: [], questions: [], meetings: [], votesClosed: 2 });
    expect(i).toMatchObject({ meetingsHeld: 0, meetingsAttendedRate: null, reviewsInTimeRate: null, questionsAnsweredRate: null, votesRun: 2 });
  });
});
