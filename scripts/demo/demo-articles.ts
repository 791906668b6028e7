/** A handful of stories so a fresh `npm start` has a front page. Written for this project. */
export const DEMO_ARTICLES = [
  {
    sourceId: 'demo-health-ministry-update',
    headline: 'New infections climb as health ministry urges caution before festivals',
    dateline: 'New Delhi, Sept 29-',
    byline: 'Frontpage Desk',
    section: 'world',
    tags: ['health', 'india'],
    body:
      'According to data updated on Thursday by the Union Health Ministry, 4,272 new instances of infections have been registered throughout the country, the highest daily figure in six weeks.\n\n' +
      'Officials said most of the new cases were mild and urged people to keep gatherings small during the coming festival season.\n\n' +
      'The news: hospital admissions remain stable in most states.\n\n' +
      "What's going on: testing has increased in several large cities, which explains part of the rise.",
  },
  {
    sourceId: 'demo-harbour-bridge-reopens',
    headline: 'Harbour bridge reopens to traffic after two years of repairs',
    dateline: 'LISBON (Frontpage) -',
    byline: 'Ana Ribeiro',
    section: 'europe',
    tags: ['transport', 'portugal'],
    body:
      'The city’s oldest harbour bridge reopened to cars and trams on Monday morning, two years after engineers closed it over corroded cables.\n\n' +
      'Commuters who had faced detours of up to forty minutes welcomed the reopening, though cyclists said the new lanes were too narrow.\n\n' +
      'The transport authority said weight limits would stay in place for lorries until inspections finish next spring.',
  },
  {
    sourceId: 'demo-rainfall-record',
    headline: 'Record November rainfall floods low-lying farmland',
    dateline: 'NAIROBI, Nov 12 -',
    byline: 'Frontpage Staff',
    section: 'climate',
    tags: ['weather', 'kenya', 'agriculture'],
    body:
      'Three days of heavy rain have flooded farmland along the river basin, the meteorological department said, calling it the wettest November on record.\n\n' +
      'Farmers reported losses of maize and beans ready for harvest. Relief agencies began distributing seed for replanting.\n\n' +
      '“We have never seen the water this high,” said one farmer, standing at the edge of a submerged field.',
  },
  {
    sourceId: 'demo-chess-final',
    headline: 'Teenager wins national chess title in final-round upset',
    dateline: 'BUENOS AIRES -',
    byline: 'Lucía Fernández',
    section: 'sport',
    tags: ['chess', 'argentina'],
    body:
      'A 16-year-old from Rosario won the national chess championship on Sunday after beating the top seed in a tense final round that lasted more than six hours.\n\n' +
      'She becomes the youngest champion in the tournament’s history and qualifies for the continental championship next year.',
  },
  {
    sourceId: 'demo-library-hours',
    headline: 'City libraries to stay open until midnight during exam season',
    dateline: 'MANCHESTER -',
    byline: 'Frontpage Desk',
    section: 'local',
    tags: ['education', 'libraries'],
    body:
      'Five city libraries will open until midnight for the next four weeks so that students have a quiet place to revise, the council announced.\n\n' +
      'The extended hours are funded by a one-off grant. Volunteers will staff the evening shifts alongside library employees.',
  },
];
