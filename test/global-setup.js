// Period math must not depend on the machine's zone: tests run as a UTC server would.
module.exports = () => {
  process.env.TZ = 'UTC'
}
