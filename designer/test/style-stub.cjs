// Stylesheets mean nothing in jsdom: component tests import them as an empty module.
module.exports = {};
